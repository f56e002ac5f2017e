"""The demo's departments: STUST's, as seed_demo and the tests start with them.

Kept out of the models and migrations on purpose: another institution installs the portal
with no department and adds its own in the admin (Core → Departments).
"""

from core.models import Department

STUST_DEPARTMENTS = (
    ("EE", "Department of Electrical Engineering", "電機工程系"),
    ("ET", "Department of Electronic Engineering", "電子工程系"),
    ("ME", "Department of Mechanical Engineering", "機械工程系"),
    ("CM", "Department of Chemical and Materials Engineering", "化學工程與材料工程系"),
    ("CS", "Department of Computer Science and Information Engineering", "資訊工程系"),
    ("IM", "Department of Information Management", "資訊管理系"),
    ("BA", "Department of Business Administration", "企業管理系"),
    ("FN", "Department of Finance", "財務金融系"),
    ("IB", "Department of International Business", "國際企業系"),
    ("AC", "Department of Accounting Information", "會計資訊系"),
    ("LS", "Department of Leisure and Recreation Management", "休閒事業管理系"),
    ("AE", "Department of Applied English", "應用英語系"),
    ("AJ", "Department of Applied Japanese", "應用日語系"),
    ("MD", "Department of Multimedia and Entertainment Science", "多媒體與電腦娛樂科學系"),
    ("VD", "Department of Visual Communication Design", "視覺傳達設計系"),
    ("CP", "Department of Creative Product Design", "創意產品設計系"),
    ("BT", "Department of Biotechnology and Food Technology", "生物科技系"),
    ("OT", "Other department", "其他系所"),
)


def seed_departments():
    """STUST's departments (idempotent: edits made in the admin are kept)."""
    for position, (code, english, chinese) in enumerate(STUST_DEPARTMENTS):
        Department.objects.get_or_create(
            code=code, defaults={"name": english, "name_en": english, "name_zh_hant": chinese, "position": position}
        )
