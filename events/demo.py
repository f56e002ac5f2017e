"""Demo events (past and upcoming, every kind, some taking registrations) and news.

Called by `manage.py seed_demo` after partners and scholars. Deterministic and
idempotent: rows are keyed by slug and left alone when they exist.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from core.demo_images import draw_cover
from events.models import Event, NewsArticle, Registration
from partners.models import PartnerUniversity
from scholars.models import Scholar, Visit

# (kind, English title, Chinese title, days from today, hour, hours long, registration capacity or None/-1 for none)
EVENTS = [
    ("info-session", "Exchange programme info session", "交換學生計畫說明會", 6, 12, 2, 80),
    ("seminar", "Seminar on semiconductor packaging", "半導體封裝研討會", 10, 14, 3, 40),
    ("lecture", "Guest lecture: robotics in elder care", "專題講座：機器人與長期照護", 13, 10, 2, 3),
    ("cultural", "International food festival", "國際美食節", 17, 11, 5, -1),
    ("workshop", "Academic writing workshop for outgoing students", "出國交換學生學術寫作工作坊", 20, 13, 3, 25),
    ("conference", "Asia–Pacific conference on smart manufacturing", "亞太智慧製造國際研討會", 34, 9, 32, 200),
    ("info-session", "Dual-degree programmes with Japanese partners", "日本姊妹校雙聯學位說明會", 41, 12, 1, None),
    ("seminar", "Sustainable tourism in Southeast Asia", "東南亞永續觀光研討會", 55, 14, 2, 60),
    ("cultural", "Lantern making with international students", "國際學生提燈製作活動", 70, 18, 2, 30),
    ("lecture", "Guest lecture: AI and language learning", "專題講座：人工智慧與語言學習", 82, 15, 2, -1),
    ("workshop", "Pre-departure safety workshop", "行前安全講習", -5, 13, 2, 50),
    ("seminar", "Seminar on renewable energy in Malaysia", "馬來西亞再生能源研討會", -18, 14, 3, -1),
    ("conference", "International education fair", "國際教育展", -40, 9, 8, -1),
    ("cultural", "Mid-Autumn festival for international students", "國際學生中秋晚會", -62, 18, 3, 120),
    ("info-session", "Summer school info session", "暑期研習說明會", -95, 12, 1, -1),
    ("lecture", "Guest lecture: industrial design in France", "專題講座：法國工業設計", -120, 10, 2, -1),
    ("workshop", "Intercultural communication workshop", "跨文化溝通工作坊", -150, 13, 3, -1),
    ("seminar", "Seminar on marine biology fieldwork", "海洋生物田野調查研討會", -200, 14, 2, -1),
]

# (category, English title, Chinese title, days ago; negative = scheduled in the future)
NEWS = [
    ("exchange", "Record number of students leave for exchange this autumn", "本學期出國交換學生人數創新高", 2),
    ("partnership", "New sister-school agreement signed with a Kyoto university", "與京都大學締結姊妹校協議", 5),
    ("scholars", "Visiting scholar from Korea teaches semiconductor course", "韓國訪問學者開設半導體課程", 8),
    ("events", "International food festival returns next month", "國際美食節下月登場", 11),
    ("announcement", "Office hours during the winter break", "寒假期間辦公時間公告", 14),
    ("exchange", "Application call for spring exchange now open", "春季交換學生申請開始", 18),
    ("partnership", "Delegation from a French partner visits campus", "法國姊妹校代表團來訪", 23),
    ("scholars", "Teacher exchange: our faculty lecture in Vietnam", "教師交流：本校教師赴越南授課", 29),
    ("events", "Photos from the Mid-Autumn evening", "中秋晚會花絮", 35),
    ("announcement", "Scholarships for outgoing exchange students announced", "出國交換獎學金公告", 41),
    ("exchange", "Students share their semester in Sweden", "交換學生分享瑞典學期生活", 48),
    ("partnership", "Dual-degree programme extended with a Malaysian partner", "與馬來西亞夥伴學校延長雙聯學位合作", 56),
    ("scholars", "Australian marine biologist joins summer research", "澳洲海洋生物學者參與暑期研究", 64),
    ("events", "International education fair draws thousands", "國際教育展吸引數千人參觀", 72),
    ("announcement", "New online application system for exchanges", "交換學生線上申請系統上線", 85),
    ("exchange", "Pre-departure briefing for spring exchange students", "春季交換學生行前說明", 97),
    ("partnership", "Partners from 26 countries meet online", "26 國夥伴學校線上聚會", 110),
    ("scholars", "Guest lectures on AI draw full classrooms", "人工智慧專題講座場場爆滿", 130),
    ("announcement", "Spring exchange results to be announced", "春季交換錄取名單即將公布", -3),  # scheduled
]
DRAFT = ("announcement", "Draft: new partner universities for next year", "草稿：明年新增姊妹校", 0)

BATCH = 2000
NAMES = [("Chen Yi-ting", "陳怡婷"), ("Lee Wei", "李偉"), ("Aiko Mori", "森愛子"), ("Tom Baker", "湯姆・貝克")]


def _at(today, days, hour):
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def seed(scale=1, stdout=None, draw_images=True):
    today = timezone.localdate()
    speakers = list(
        Scholar.objects.filter(is_published=True, visits__direction=Visit.Direction.INBOUND).distinct().order_by("slug")
    )
    partners = list(PartnerUniversity.objects.filter(is_published=True).order_by("slug")[:40])
    created_events = _seed_events(scale, today, speakers, partners, draw_images)
    created_news = _seed_news(scale, draw_images)
    if stdout:
        stdout.write(f"events: {created_events} events and {created_news} news articles created")
    return created_events + created_news


def _seed_events(scale, today, speakers, partners, draw_images):
    existing = set(Event.objects.values_list("slug", flat=True))
    new = []
    for copy in range(1, scale + 1):
        for index, (kind, title, title_zh, days, hour, hours, capacity) in enumerate(EVENTS):
            slug = slugify(title) + ("" if copy == 1 else f"-{copy}")
            if slug in existing:
                continue
            starts_at = _at(today, days + (copy - 1) * 7, hour)
            online = index % 4 == 1
            event = Event(
                slug=slug, kind=kind, title_en=title, title_zh_hant=title_zh,
                summary_en=f"{title}, hosted by the Office of International Affairs.",
                summary_zh_hant=f"國際事務處主辦：{title_zh}。",
                description_en=("Everyone is welcome: students, faculty and guests from our partner universities. "
                                "The event is held in English with Chinese support."),
                description_zh_hant="歡迎本校師生與姊妹校來賓參加，活動以英語進行並提供中文協助。",
                starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=hours),
                venue_en="" if online else "International Conference Hall, Building K",
                venue_zh_hant="" if online else "K 棟國際會議廳",
                online_url="https://meet.example.edu/oia-event" if online else "",
                registration_open=capacity != -1,
                capacity=capacity if capacity not in (-1,) else None,
                registration_deadline=starts_at - datetime.timedelta(days=1) if capacity not in (-1, None) else None,
                is_published=True,
            )
            if draw_images and copy == 1:
                event.cover = ContentFile(draw_cover(title, seed=index), name="cover.jpg")
                event.cover_alt_en = f"Banner of {title}"
                event.cover_alt_zh_hant = f"{title_zh}活動橫幅"
                event.save()  # the cover file is written by save()
            new.append((index, event))
    # In bulk: row by row (a save, its search words, speakers, partners, registrations) grew
    # with the scale. bulk_create skips save(): seed_demo stores the search words afterwards.
    Event.objects.bulk_create([event for _index, event in new if event.pk is None], batch_size=BATCH)
    speaker_rows, partner_rows, registrations = [], [], []
    for index, event in new:
        if speakers and event.kind in ("seminar", "lecture", "conference", "workshop"):
            chosen = speakers[index % len(speakers):index % len(speakers) + 1 + index % 2]
            speaker_rows += [Event.speakers.through(event=event, scholar=scholar) for scholar in chosen]
        if partners and index % 3 != 2:
            partner = partners[(index * 7) % len(partners)]
            partner_rows.append(Event.partners.through(event=event, partneruniversity=partner))
        registrations += _registrations(event, index)
    Event.speakers.through.objects.bulk_create(speaker_rows, batch_size=BATCH)
    Event.partners.through.objects.bulk_create(partner_rows, batch_size=BATCH)
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    return len(new)


def _registrations(event, index):
    """The event's registrations, unsaved."""
    if not event.registration_open or event.starts_at < timezone.now():
        return []
    # The small lecture fills up and has a waiting list; others have a couple of people.
    people = NAMES if event.capacity == 3 else NAMES[: 1 + index % 2]
    registrations = []
    for position, (name, name_zh) in enumerate(people):
        language = "zh-hant" if position % 2 else "en"
        full = event.capacity is not None and position >= event.capacity
        registrations.append(Registration(
            event=event, name=name_zh if language == "zh-hant" else name,
            email=f"{slugify(name)}.{event.pk}@student.example.edu", affiliation="STUST", consent=True,
            language=language,
            status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
        ))
    return registrations


def _seed_news(scale, draw_images):
    existing = set(NewsArticle.objects.values_list("slug", flat=True))
    now = timezone.now()
    new = []
    rows = [(*row, True) for row in NEWS] + [(*DRAFT, False)]
    for copy in range(1, scale + 1):
        for index, (category, title, title_zh, days_ago, is_published) in enumerate(rows):
            slug = slugify(title) + ("" if copy == 1 else f"-{copy}")
            if slug in existing:
                continue
            article = NewsArticle(
                slug=slug, category=category, title_en=title, title_zh_hant=title_zh,
                summary_en=f"{title}. Read more from the Office of International Affairs.",
                summary_zh_hant=f"{title_zh}。國際事務處報導。",
                body_en=(f"{title}.\n\nThe Office of International Affairs thanks every student, faculty member and "
                         "partner who made this possible. Contact the office for details."),
                body_zh_hant=f"{title_zh}。\n\n國際事務處感謝所有參與的學生、教師與姊妹校夥伴。詳情請洽國際事務處。",
                published_at=now - datetime.timedelta(days=days_ago, hours=copy),
                is_published=is_published,
            )
            if draw_images and copy == 1 and index % 2 == 0:
                article.cover = ContentFile(draw_cover(title, seed=100 + index), name="cover.jpg")
                article.cover_alt_en = f"Illustration for {title}"
                article.cover_alt_zh_hant = f"{title_zh}配圖"
                article.save()  # the cover file is written by save()
            new.append(article)
    NewsArticle.objects.bulk_create([article for article in new if article.pk is None], batch_size=BATCH)
    return len(new)
