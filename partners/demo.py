"""Demo partners: 154 universities in 26 countries, with agreements of every kind.

Called by `manage.py seed_demo`. Deterministic (a fixed random seed, dates
relative to today) and idempotent: a partner that exists is left alone.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from core.demo_images import draw_logo, minimal_pdf
from core.roles import PARTNERSHIPS
from partners.models import Agreement, AgreementDocument, PartnerContact, PartnerUniversity

# country: (how many partners, [(city, city in Chinese), ...])
PARTNER_COUNTRIES = {
    "JP": (20, [("Kyoto", "京都"), ("Osaka", "大阪"), ("Nagoya", "名古屋"), ("Fukuoka", "福岡"), ("Sendai", "仙台"),
                ("Hiroshima", "廣島"), ("Kobe", "神戶"), ("Sapporo", "札幌"), ("Okayama", "岡山"), ("Kumamoto", "熊本")]),
    "CN": (14, [("Xiamen", "廈門"), ("Fuzhou", "福州"), ("Nanjing", "南京"), ("Hangzhou", "杭州"), ("Suzhou", "蘇州"),
                ("Wuhan", "武漢"), ("Chengdu", "成都")]),
    "US": (12, [("Portland", "波特蘭"), ("Denver", "丹佛"), ("Austin", "奧斯汀"), ("Columbus", "哥倫布"),
                ("San Jose", "聖荷西"), ("Pittsburgh", "匹茲堡")]),
    "KR": (12, [("Busan", "釜山"), ("Daegu", "大邱"), ("Daejeon", "大田"), ("Gwangju", "光州"), ("Incheon", "仁川"),
                ("Suwon", "水原")]),
    "VN": (9, [("Hanoi", "河內"), ("Da Nang", "峴港"), ("Hue", "順化"), ("Can Tho", "芹苴"), ("Hai Phong", "海防")]),
    "MY": (8, [("Kuala Lumpur", "吉隆坡"), ("Penang", "檳城"), ("Johor Bahru", "新山"), ("Kuching", "古晉")]),
    "TH": (8, [("Bangkok", "曼谷"), ("Chiang Mai", "清邁"), ("Khon Kaen", "孔敬"), ("Songkhla", "宋卡")]),
    "ID": (8, [("Bandung", "萬隆"), ("Surabaya", "泗水"), ("Yogyakarta", "日惹"), ("Malang", "瑪琅")]),
    "GB": (6, [("Leeds", "里茲"), ("Sheffield", "雪菲爾"), ("Coventry", "考文垂")]),
    "AU": (6, [("Adelaide", "阿德雷德"), ("Brisbane", "布里斯本"), ("Perth", "伯斯")]),
    "FR": (6, [("Lyon", "里昂"), ("Grenoble", "格勒諾布爾"), ("Lille", "里爾")]),
    "CA": (5, [("Vancouver", "溫哥華"), ("Calgary", "卡加利"), ("Ottawa", "渥太華")]),
    "IN": (5, [("Chennai", "清奈"), ("Pune", "浦那"), ("Hyderabad", "海德拉巴")]),
    "ES": (4, [("Valencia", "瓦倫西亞"), ("Seville", "塞維亞")]),
    "DE": (4, [("Aachen", "亞琛"), ("Dresden", "德勒斯登")]),
    "AT": (3, [("Graz", "格拉茲"), ("Linz", "林茲")]),
    "SE": (3, [("Gothenburg", "哥德堡"), ("Lund", "隆德")]),
    "NZ": (3, [("Auckland", "奧克蘭"), ("Christchurch", "基督城")]),
    "RU": (3, [("Kazan", "喀山"), ("Tomsk", "托木斯克")]),
    "PH": (3, [("Manila", "馬尼拉"), ("Cebu", "宿霧")]),
    "CH": (2, [("Lucerne", "琉森")]),
    "HR": (2, [("Zagreb", "札格瑞布")]),
    "EE": (2, [("Tartu", "塔爾圖")]),
    "PL": (2, [("Wroclaw", "弗次瓦夫")]),
    "CZ": (2, [("Brno", "布爾諾")]),
    "MN": (2, [("Ulaanbaatar", "烏蘭巴托")]),
}

# (English pattern, Chinese pattern) for the universities of one city.
NAME_PATTERNS = [
    ("{city} University", "{city_zh}大學"),
    ("{city} University of Technology", "{city_zh}科技大學"),
    ("{city} Institute of Science", "{city_zh}理工學院"),
]

CALENDAR = {
    "north": ("Fall semester: September to January. Spring semester: February to June.",
              "秋季學期：九月至一月；春季學期：二月至六月。"),
    "south": ("Semester 1: late February to June. Semester 2: late July to November.",
              "第一學期：二月下旬至六月；第二學期：七月下旬至十一月。"),
    "japan": ("Spring term: April to July. Fall term: October to February.",
              "春季學期：四月至七月；秋季學期：十月至二月。"),
}

LANGUAGE_REQUIREMENTS = {
    "en": ("TOEFL iBT 79 or IELTS 6.0 for courses taught in English.", "英語授課課程：TOEFL iBT 79 或 IELTS 6.0。"),
    "JP": ("JLPT N2 for courses taught in Japanese; English-taught courses need TOEFL iBT 72.",
           "日語授課需 JLPT N2；英語授課需 TOEFL iBT 72。"),
    "KR": ("TOPIK level 3 or TOEFL iBT 71.", "TOPIK 三級或 TOEFL iBT 71。"),
    "FR": ("French B2 or English B2 for the international track.", "法語 B2，或國際學程英語 B2。"),
    "CN": ("Chinese-taught courses: no test needed for Taiwanese students.", "中文授課課程，臺灣學生免語言檢定。"),
}

SUBJECTS = [
    "Engineering, Computer Science",
    "Business, Management",
    "Design, Digital Media",
    "Hospitality, Tourism",
    "Electrical Engineering, Semiconductors",
    "Applied Languages",
]


def _calendar_for(country):
    if country == "JP":
        return CALENDAR["japan"]
    if country in ("AU", "NZ", "ID", "MY"):
        return CALENDAR["south"]
    return CALENDAR["north"]


BATCH = 2000
BASE_PARTNER_COUNT = sum(count for count, _cities in PARTNER_COUNTRIES.values())


def partner_rows(scale=1):
    """(slug, english name, chinese name, country, city, city_zh) for every demo partner."""
    rows = []
    for copy in range(1, scale + 1):
        for country, (count, cities) in PARTNER_COUNTRIES.items():
            for index in range(count):
                city, city_zh = cities[index % len(cities)]
                pattern_en, pattern_zh = NAME_PATTERNS[(index // len(cities)) % len(NAME_PATTERNS)]
                name = pattern_en.format(city=city)
                name_zh = pattern_zh.format(city_zh=city_zh)
                if copy > 1:
                    name, name_zh = f"{name} (Campus {copy})", f"{name_zh}（第{copy}校區）"
                rows.append((slugify(name), name, name_zh, country, city, city_zh))
    return rows


CONTACT_NAMES = [
    ("Aiko Tanaka", "Exchange coordinator"), ("Minh Nguyen", "International relations officer"),
    ("Sophie Martin", "Head of the international office"), ("Daniel Kim", "Incoming students adviser"),
    ("Laura Fischer", "Partnership manager"), ("Wei Chen", "Outgoing students adviser"),
]


def seed_contacts():
    """One or two staff-only contacts for every partner that has none."""
    rows = []
    for partner in PartnerUniversity.objects.filter(contacts__isnull=True).order_by("pk"):
        domain = partner.slug.replace("-", "")[:24]
        for offset in range(1 + partner.pk % 2):
            name, role = CONTACT_NAMES[(partner.pk + offset) % len(CONTACT_NAMES)]
            rows.append(PartnerContact(
                partner=partner, name=name, role=role,
                email=f"{name.split()[0].lower()}@{domain}.example.edu", phone=f"+00 {partner.pk:04d} {offset:02d}",
            ))
    PartnerContact.objects.bulk_create(rows)
    return len(rows)


def seed_documents():
    """Signed copies (English and Chinese) for a few signed agreements that have none."""
    signed = (
        Agreement.objects.filter(signed_on__isnull=False, kind=Agreement.Kind.STUDENT_EXCHANGE, documents__isnull=True)
        .select_related("partner")
        .order_by("pk")[:12]
    )
    created = 0
    for agreement in signed:
        for language, title in (("en", "Signed copy, English version"), ("zh-hant", "Signed copy, Chinese version")):
            document = AgreementDocument(agreement=agreement, title=title, language=language)
            document.file.save("signed.pdf", ContentFile(minimal_pdf(f"{agreement.partner} {title}")), save=False)
            document.save()
            created += 1
    return created


def partnerships_owner():
    """The demo's Partnerships editor owns the agreements, if that account exists already."""
    return get_user_model().objects.filter(groups__name=PARTNERSHIPS, is_active=True).order_by("pk").first()


def seed(scale=1, stdout=None, draw_images=True):
    rng = random.Random(2026)
    today = timezone.localdate()
    owner = partnerships_owner()
    existing = set(PartnerUniversity.objects.values_list("slug", flat=True))
    new, pending = [], []
    for position, (slug, name, name_zh, country, city, city_zh) in enumerate(partner_rows(scale)):
        if slug in existing:
            continue
        calendar_en, calendar_zh = _calendar_for(country)
        language_en, language_zh = LANGUAGE_REQUIREMENTS.get(country, LANGUAGE_REQUIREMENTS["en"])
        domain = slug.replace("-", "")[:24]
        partner = PartnerUniversity(
            slug=slug,
            name_en=name,
            name_zh_hant=name_zh,
            country=country,
            city_en=city,
            city_zh_hant=city_zh,
            website=f"https://www.{domain}.example.edu",
            description_en=(
                f"{name} is a comprehensive university in {city} and a partner of our university since "
                f"{2005 + position % 18}. Students from our university take courses taught in English and "
                "the local language, and join its international student community."
            ),
            description_zh_hant=(
                f"{name_zh}位於{city_zh}，自 {2005 + position % 18} 年起與本校締結合作。"
                "本校學生可修習英語及當地語言授課課程，並參與國際學生社群。"
            ),
            academic_calendar_en=calendar_en,
            academic_calendar_zh_hant=calendar_zh,
            language_requirements_en=language_en,
            language_requirements_zh_hant=language_zh,
            nomination_deadlines="15 March (fall), 15 October (spring)",
            application_deadlines="30 April (fall), 15 November (spring)",
            courses_url=f"https://www.{domain}.example.edu/courses",
            international_office_email=f"international@{domain}.example.edu",
            international_office_url=f"https://www.{domain}.example.edu/international",
            is_published=position % 40 != 39,  # a few are hidden, as in real life
        )
        if draw_images and position < BASE_PARTNER_COUNT:
            partner.logo = ContentFile(draw_logo(name, seed=position), name="logo.png")
            partner.save()  # the logo file is written by save()
        else:
            pending.append(partner)
        new.append((position, partner))
    # Row by row, a hundred times the demo took most of an hour; in bulk, seconds.
    # bulk_create skips save(): search words are stored by seed_demo afterwards,
    # and demo rows need no edit history.
    PartnerUniversity.objects.bulk_create(pending, batch_size=BATCH)
    agreements, renewals = [], []
    for position, partner in new:
        for agreement, renewal in _agreements_for(partner, position, rng, today, owner):
            agreements.append(agreement)
            if renewal:
                renewals.append((renewal, agreement))
    Agreement.objects.bulk_create(agreements, batch_size=BATCH)
    for renewal, renewed in renewals:
        renewal.renewal_of = renewed
    Agreement.objects.bulk_create([renewal for renewal, _renewed in renewals], batch_size=BATCH)
    created = len(new)
    contacts = seed_contacts()
    documents = seed_documents() if AgreementDocument.objects.count() == 0 else 0
    if stdout:
        stdout.write(
            f"partners: {created} created, {len(existing)} already there; {contacts} contacts, {documents} documents"
        )
    return created


def _agreements_for(partner, position, rng, today, owner=None):
    """A sister-school MOU for everyone, plus exchange agreements in every state.

    Unsaved (agreement, renewal draft or None) pairs; the draft's renewal_of is
    set once its agreement has a key.
    """
    signed = today - datetime.timedelta(days=rng.randint(400, 3000))
    sister = Agreement(
        partner=partner,
        kind=Agreement.Kind.SISTER_SCHOOL,
        signed_on=signed,
        starts_on=signed,
        ends_on=None if position % 3 else signed + datetime.timedelta(days=5 * 365 + 200),
        auto_renews=position % 2 == 0,
        subject_areas="All fields",
        owner=owner,
    )
    variant = position % 10
    if variant == 9:
        return [(sister, None)]
    kind = {
        0: Agreement.Kind.DUAL_DEGREE,
        1: Agreement.Kind.FACULTY_EXCHANGE,
        2: Agreement.Kind.RESEARCH,
    }.get(variant, Agreement.Kind.STUDENT_EXCHANGE)
    starts = today - datetime.timedelta(days=rng.randint(200, 1500))
    if variant in (3, 7):
        ends = today + datetime.timedelta(days=rng.randint(5, 88))  # expiring within 90 days
    elif variant == 4 and position % 20 == 4:
        ends = today - datetime.timedelta(days=rng.randint(20, 300))  # expired
    else:
        ends = starts + datetime.timedelta(days=5 * 365)
    agreement = Agreement(
        partner=partner,
        kind=kind,
        signed_on=starts - datetime.timedelta(days=30),
        starts_on=starts,
        ends_on=max(ends, starts),
        auto_renews=False,
        outbound_seats=rng.choice([2, 2, 3, 4, 5]),
        inbound_seats=rng.choice([1, 2, 2, 3]),
        subject_areas=rng.choice(SUBJECTS),
        internal_notes="Renewal talks with the partner's international office.",
        owner=owner,
    )
    if position == 8:
        agreement.terminated_on = today - datetime.timedelta(days=60)
    renewal = None
    if variant == 5 and position % 20 == 5:
        # A renewal being prepared: a draft linked to the agreement it renews.
        renewal = Agreement(
            partner=partner,
            kind=kind,
            outbound_seats=agreement.outbound_seats,
            inbound_seats=agreement.inbound_seats,
            subject_areas=agreement.subject_areas,
        )
    return [(sister, None), (agreement, renewal)]
