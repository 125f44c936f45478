"""Choice lists for cadre records, after the national standards.

The codes and Chinese names come from the reference lists (GB/T 3304 for
ethnic groups, GB/T 4762 for political status); the labels are English
sources whose Chinese is in the zh_Hans catalog, and a test holds the two
against the reference file.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Ethnicity(models.TextChoices):
    HAN = "01", _("Han")
    MONGOL = "02", _("Mongol")
    HUI = "03", _("Hui")
    TIBETAN = "04", _("Tibetan")
    UYGHUR = "05", _("Uyghur")
    MIAO = "06", _("Miao")
    YI = "07", _("Yi")
    ZHUANG = "08", _("Zhuang")
    BOUYEI = "09", _("Bouyei")
    KOREAN = "10", _("Korean")
    MANCHU = "11", _("Manchu")
    DONG = "12", _("Dong")
    YAO = "13", _("Yao")
    BAI = "14", _("Bai")
    TUJIA = "15", _("Tujia")
    HANI = "16", _("Hani")
    KAZAKH = "17", _("Kazakh")
    DAI = "18", _("Dai")
    LI = "19", _("Li")
    LISU = "20", _("Lisu")
    VA = "21", _("Va")
    SHE = "22", _("She")
    GAOSHAN = "23", _("Gaoshan")
    LAHU = "24", _("Lahu")
    SUI = "25", _("Sui")
    DONGXIANG = "26", _("Dongxiang")
    NAXI = "27", _("Naxi")
    JINGPO = "28", _("Jingpo")
    KYRGYZ = "29", _("Kyrgyz")
    TU = "30", _("Tu")
    DAUR = "31", _("Daur")
    MULAO = "32", _("Mulao")
    QIANG = "33", _("Qiang")
    BLANG = "34", _("Blang")
    SALAR = "35", _("Salar")
    MAONAN = "36", _("Maonan")
    GELAO = "37", _("Gelao")
    XIBE = "38", _("Xibe")
    ACHANG = "39", _("Achang")
    PUMI = "40", _("Pumi")
    TAJIK = "41", _("Tajik")
    NU = "42", _("Nu")
    UZBEK = "43", _("Uzbek")
    RUSSIAN = "44", _("Russian")
    EVENK = "45", _("Evenk")
    DEANG = "46", _("De'ang")
    BONAN = "47", _("Bonan")
    YUGUR = "48", _("Yugur")
    GIN = "49", _("Gin")
    TATAR = "50", _("Tatar")
    DERUNG = "51", _("Derung")
    OROQEN = "52", _("Oroqen")
    HEZHEN = "53", _("Hezhen")
    MONBA = "54", _("Monba")
    LHOBA = "55", _("Lhoba")
    JINO = "56", _("Jino")
    OTHER = "97", pgettext_lazy("ethnicity", "Other")
    FOREIGN_ORIGIN = "98", _("Chinese citizen of foreign origin")


class PoliticalStatus(models.TextChoices):
    """GB/T 4762 codes; the labels are the short forms forms print."""

    CPC_MEMBER = "01", _("CPC member")
    CPC_PROBATIONARY = "02", _("CPC probationary member")
    CYL_MEMBER = "03", _("Communist Youth League member")
    RCCK = "04", _("RCCK member")
    CDL = "05", _("CDL member")
    CNDCA = "06", _("CNDCA member")
    CAPD = "07", _("CAPD member")
    CPWDP = "08", _("CPWDP member")
    CZGP = "09", _("CZGP member")
    JIUSAN = "10", _("Jiusan Society member")
    TDSGL = "11", _("TDSGL member")
    NON_PARTY = "12", _("Non-party personage")
    MASSES = "13", _("Ordinary citizen")


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", _("Postgraduate")
    UNDERGRADUATE = "undergraduate", _("University undergraduate")
    JUNIOR_COLLEGE = "junior_college", _("Junior college")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational school")
    HIGH_SCHOOL = "high_school", _("High school or below")


class Degree(models.TextChoices):
    DOCTOR = "doctor", _("Doctorate")
    MASTER = "master", _("Master's degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    NONE = "none", _("No degree")


class LevelBucket(models.TextChoices):
    """The level that statistics and matching count by."""

    DIVISION = "division", _("Division level")
    SECTION = "section", _("Section level")
    OTHER = "other", pgettext_lazy("level bucket", "Other")


class LeadershipLevel(models.TextChoices):
    DEPARTMENT_HEAD = "department_head", _("Department head")
    DEPUTY_DEPARTMENT_HEAD = "deputy_department_head", _("Deputy department head")
    DIVISION_HEAD = "division_head", _("Division head")
    DEPUTY_DIVISION_HEAD = "deputy_division_head", _("Deputy division head")
    SECTION_HEAD = "section_head", _("Section head")
    DEPUTY_SECTION_HEAD = "deputy_section_head", _("Deputy section head")
    CLERK = "clerk", _("Clerk level")


class Grade(models.TextChoices):
    INSPECTOR_1 = "inspector_1", _("First-class inspector")
    INSPECTOR_2 = "inspector_2", _("Second-class inspector")
    RESEARCHER_1 = "researcher_1", _("First-class researcher")
    RESEARCHER_2 = "researcher_2", _("Second-class researcher")
    RESEARCHER_3 = "researcher_3", _("Third-class researcher")
    RESEARCHER_4 = "researcher_4", _("Fourth-class researcher")
    PRINCIPAL_STAFF_1 = "principal_staff_1", _("First-class principal staff member")
    PRINCIPAL_STAFF_2 = "principal_staff_2", _("Second-class principal staff member")
    PRINCIPAL_STAFF_3 = "principal_staff_3", _("Third-class principal staff member")
    PRINCIPAL_STAFF_4 = "principal_staff_4", _("Fourth-class principal staff member")
    STAFF_1 = "staff_1", _("First-class staff member")
    STAFF_2 = "staff_2", _("Second-class staff member")


LEVEL_BUCKET_OF_LEADERSHIP_LEVEL = {
    LeadershipLevel.DEPARTMENT_HEAD: LevelBucket.OTHER,
    LeadershipLevel.DEPUTY_DEPARTMENT_HEAD: LevelBucket.OTHER,
    LeadershipLevel.DIVISION_HEAD: LevelBucket.DIVISION,
    LeadershipLevel.DEPUTY_DIVISION_HEAD: LevelBucket.DIVISION,
    LeadershipLevel.SECTION_HEAD: LevelBucket.SECTION,
    LeadershipLevel.DEPUTY_SECTION_HEAD: LevelBucket.SECTION,
    LeadershipLevel.CLERK: LevelBucket.OTHER,
}

LEVEL_BUCKET_OF_GRADE = {
    Grade.INSPECTOR_1: LevelBucket.OTHER,
    Grade.INSPECTOR_2: LevelBucket.OTHER,
    Grade.RESEARCHER_1: LevelBucket.DIVISION,
    Grade.RESEARCHER_2: LevelBucket.DIVISION,
    Grade.RESEARCHER_3: LevelBucket.DIVISION,
    Grade.RESEARCHER_4: LevelBucket.DIVISION,
    Grade.PRINCIPAL_STAFF_1: LevelBucket.SECTION,
    Grade.PRINCIPAL_STAFF_2: LevelBucket.SECTION,
    Grade.PRINCIPAL_STAFF_3: LevelBucket.SECTION,
    Grade.PRINCIPAL_STAFF_4: LevelBucket.SECTION,
    Grade.STAFF_1: LevelBucket.OTHER,
    Grade.STAFF_2: LevelBucket.OTHER,
}


def level_bucket_of(leadership_level: str, grade: str) -> str:
    """The bucket from the leadership level, or from the grade where no level is given."""
    if leadership_level:
        return LEVEL_BUCKET_OF_LEADERSHIP_LEVEL[leadership_level]
    if grade:
        return LEVEL_BUCKET_OF_GRADE[grade]
    return LevelBucket.OTHER


class UnitTier(models.TextChoices):
    CENTRAL = "central", _("Central unit")
    PROVINCIAL = "provincial", _("Provincial unit")
    MUNICIPAL = "municipal", _("Municipal unit")
    COUNTY = "county", _("County unit")
    TOWNSHIP = "township", _("Township (subdistrict)")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")
    ACADEMIC = "academic", _("University or research institute")
    OTHER = "other", pgettext_lazy("unit tier", "Other")


class MembershipRole(models.TextChoices):
    LEADER = "leader", _("Unit leader")
    LIAISON = "liaison", _("Liaison")
