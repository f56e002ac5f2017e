"""Demo visiting scholars and teacher exchange, bilingual, with drawn portraits.

Called by `manage.py seed_demo` after partners. Deterministic and idempotent:
a scholar whose slug exists is left alone (with their visits).
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from core.demo_images import draw_portrait
from partners.models import PartnerUniversity
from scholars.models import Scholar, Visit

# (honorific, English name, Chinese name, country, field en, field zh)
INBOUND = [
    ("prof", "Hiroshi Tanaka", "田中浩", "JP", "Mechanical engineering", "機械工程"),
    ("assoc-prof", "Yuki Sato", "佐藤由紀", "JP", "Robotics", "機器人學"),
    ("prof", "Min-jun Kim", "金敏俊", "KR", "Semiconductor devices", "半導體元件"),
    ("asst-prof", "Ji-woo Park", "朴智友", "KR", "Digital media design", "數位媒體設計"),
    ("prof", "Nguyen Van An", "阮文安", "VN", "Civil engineering", "土木工程"),
    ("dr", "Tran Thi Mai", "陳氏梅", "VN", "Hospitality management", "餐旅管理"),
    ("prof", "Siti Rahman", "希蒂・拉赫曼", "MY", "Renewable energy", "再生能源"),
    ("assoc-prof", "Somchai Wongsa", "頌猜・翁沙", "TH", "Food science", "食品科學"),
    ("prof", "Budi Santoso", "布迪・桑托索", "ID", "Information management", "資訊管理"),
    ("prof", "Emily Clarke", "艾蜜莉・克拉克", "GB", "Applied linguistics", "應用語言學"),
    ("dr", "James Whitfield", "詹姆斯・惠特菲爾德", "AU", "Marine biology", "海洋生物學"),
    ("prof", "Claire Dubois", "克萊兒・杜布瓦", "FR", "Industrial design", "工業設計"),
    ("assoc-prof", "Lukas Berger", "盧卡斯・貝格", "AT", "Materials science", "材料科學"),
    ("prof", "Anna Lindqvist", "安娜・林奎斯特", "SE", "Sustainable architecture", "永續建築"),
    ("dr", "Marco Rossi", "馬可・羅西", "CH", "Precision machinery", "精密機械"),
    ("prof", "Sarah Mitchell", "莎拉・米契爾", "US", "Computer science", "資訊科學"),
    ("assoc-prof", "David Chen", "陳大衛", "CA", "Business analytics", "商業分析"),
    ("prof", "Priya Sharma", "普莉雅・夏爾馬", "IN", "Artificial intelligence", "人工智慧"),
    ("dr", "Liisa Tamm", "莉莎・塔姆", "EE", "E-government", "電子化政府"),
    ("prof", "Ivan Horvat", "伊凡・霍瓦特", "HR", "Tourism studies", "觀光學"),
    ("asst-prof", "Wang Lei", "王磊", "CN", "Optoelectronics", "光電工程"),
    ("prof", "Aroha Ngata", "阿蘿哈・納塔", "NZ", "Environmental science", "環境科學"),
    ("prof", "Elena Garcia", "艾蕾娜・加西亞", "ES", "Spanish language education", "西班牙語教學"),
    ("dr", "Oleg Smirnov", "奧列格・斯米爾諾夫", "RU", "Applied mathematics", "應用數學"),
]

# Our own faculty on teacher exchange: (honorific, English, Chinese, field en, field zh, department en, department zh)
OUTBOUND = [
    ("prof", "Lin Chih-wei", "林志偉", "Electrical engineering", "電機工程", "Department of Electrical Engineering", "電機工程系"),
    ("assoc-prof", "Chang Hui-ling", "張慧玲", "Applied Japanese", "應用日語", "Department of Applied Japanese", "應用日語系"),
    ("asst-prof", "Huang Chun-hao", "黃俊豪", "Visual communication design", "視覺傳達設計",
     "Department of Visual Communication Design", "視覺傳達設計系"),
    ("prof", "Wu Mei-hua", "吳美華", "Hospitality management", "餐旅管理", "Department of Hospitality Management", "餐旅管理系"),
    ("assoc-prof", "Tsai Ming-de", "蔡明德", "Mechanical engineering", "機械工程", "Department of Mechanical Engineering", "機械工程系"),
    ("prof", "Cheng Ya-ting", "鄭雅婷", "Information management", "資訊管理", "Department of Information Management", "資訊管理系"),
]

DEPARTMENTS = [
    ("Department of Mechanical Engineering", "機械工程系"),
    ("Department of Electrical Engineering", "電機工程系"),
    ("Department of Information Management", "資訊管理系"),
    ("Department of Applied English", "應用英語系"),
    ("College of Digital Design", "數位設計學院"),
    ("Department of Hospitality Management", "餐旅管理系"),
]


BATCH = 2000


def scholar_rows(scale=1):
    rows = []
    for copy in range(1, scale + 1):
        suffix = "" if copy == 1 else f"-{copy}"
        for index, row in enumerate(INBOUND):
            rows.append(("inbound", index, slugify(row[1]) + suffix, row))
        for index, row in enumerate(OUTBOUND):
            rows.append(("outbound", index, slugify(row[1]) + suffix, row))
    return rows


def seed(scale=1, stdout=None, draw_images=True):
    rng = random.Random(5)
    today = timezone.localdate()
    partners_by_country = {}
    for partner in PartnerUniversity.objects.filter(is_published=True).order_by("slug"):
        partners_by_country.setdefault(partner.country.code, []).append(partner)
    all_partners = [p for group in partners_by_country.values() for p in group]
    existing = set(Scholar.objects.values_list("slug", flat=True))
    new = []
    for direction, index, slug, row in scholar_rows(scale):
        if slug in existing:
            continue
        if direction == "inbound":
            honorific, name, name_zh, country, field, field_zh = row
            choices = partners_by_country.get(country, [])
            # Most come from partners; a few from elsewhere, named in free text.
            home_partner = choices[index % len(choices)] if choices and index % 5 != 4 else None
            scholar = Scholar(
                honorific=honorific, slug=slug, name_en=name, name_zh_hant=name_zh, country=country,
                field_en=field, field_zh_hant=field_zh, home_partner=home_partner,
                home_institution="" if home_partner else f"National Institute of {field}",
                bio_en=(f"{name} works on {field.lower()} and has taught in Asia and Europe. "
                        "At our university they give guest lectures and work with students on joint projects."),
                bio_zh_hant=f"{name_zh}專長為{field_zh}，曾於亞洲與歐洲任教；訪問本校期間開設專題講座並指導學生合作專題。",
                email=f"{slug}@scholar.example.edu",
                email_is_public=index % 3 == 0,  # only those who opted in
            )
        else:
            honorific, name, name_zh, field, field_zh, _dept, _dept_zh = row
            scholar = Scholar(
                honorific=honorific, slug=slug, name_en=name, name_zh_hant=name_zh, country="TW",
                field_en=field, field_zh_hant=field_zh, home_institution="Southern Taiwan University of Science and Technology",
                bio_en=f"{name} teaches {field.lower()} at our university.",
                bio_zh_hant=f"{name_zh}於本校教授{field_zh}。",
                email=f"{slug}@stust.example.edu.tw",
                email_is_public=index % 2 == 0,
            )
        if draw_images and len(new) < len(INBOUND) + len(OUTBOUND):
            scholar.photo = ContentFile(draw_portrait(name, seed=index + (0 if direction == "inbound" else 100)),
                                        name="portrait.jpg")
            scholar.save()  # the portrait file is written by save()
        new.append((scholar, direction, index, row))
    # Row by row (a save, its search words, its visits) was two minutes at ten times the demo.
    # bulk_create skips save(): seed_demo stores the search words afterwards.
    Scholar.objects.bulk_create([scholar for scholar, *_rest in new if scholar.pk is None], batch_size=BATCH)
    visits = [
        visit
        for scholar, direction, index, row in new
        for visit in _visits(scholar, direction, index, rng, today, row, all_partners)
    ]
    Visit.objects.bulk_create(visits, batch_size=BATCH)
    if stdout:
        stdout.write(f"scholars: {len(new)} created, {len(existing)} already there")
    return len(new)


def _visits(scholar, direction, index, rng, today, row, all_partners):
    """The scholar's visits, unsaved."""
    purposes = list(Visit.Purpose.values)
    if direction == "inbound":
        department, department_zh = DEPARTMENTS[index % len(DEPARTMENTS)]
        # A third now, a third coming, a third past; some came twice.
        phase = index % 3
        if phase == 0:
            starts = today - datetime.timedelta(days=rng.randint(1, 30))
        elif phase == 1:
            starts = today + datetime.timedelta(days=rng.randint(10, 120))
        else:
            starts = today - datetime.timedelta(days=rng.randint(120, 900))
        spans = [(starts, starts + datetime.timedelta(days=rng.choice([14, 30, 45, 90])))]
        if index % 4 == 0:
            earlier = today - datetime.timedelta(days=rng.randint(400, 1200))
            spans.append((earlier, earlier + datetime.timedelta(days=10)))
        return [
            Visit(
                scholar=scholar, direction=Visit.Direction.INBOUND, purpose=purposes[(index + len(spans)) % len(purposes)],
                host_department_en=department, host_department_zh_hant=department_zh,
                starts_on=starts_on, ends_on=ends_on,
                summary_en="Lectures for undergraduates and a workshop with graduate students.",
                summary_zh_hant="為大學部學生授課，並與研究生舉辦工作坊。",
            )
            for starts_on, ends_on in spans
        ]
    else:
        _h, _n, _nz, _f, _fz, department, department_zh = row
        partner = all_partners[(index * 17) % len(all_partners)] if all_partners else None
        starts = today + datetime.timedelta(days=(index - 3) * 90)
        return [
            Visit(
                scholar=scholar, direction=Visit.Direction.OUTBOUND, purpose=purposes[index % len(purposes)],
                host_department_en=department, host_department_zh_hant=department_zh, partner=partner,
                starts_on=starts, ends_on=starts + datetime.timedelta(days=rng.choice([30, 60, 120])),
                summary_en="Teaching a module and preparing a joint research proposal.",
                summary_zh_hant="授課並籌備雙方共同研究計畫。",
            )
        ]
