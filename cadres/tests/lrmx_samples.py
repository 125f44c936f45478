"""A 干部任免审批表 as the national editing software writes it, for the tests of .lrmx files."""

import base64
import datetime

from cadres.tests.photo_helpers import jpeg_bytes
from conftest import make_id_number

BIRTH = datetime.date(1981, 7, 9)
ID_NUMBER = make_id_number(BIRTH, male=True, serial=31)


def lrmx(**overrides) -> bytes:
    """The file, with any element replaced (a value) or left out (None); ``photo`` the picture's bytes."""
    photo = overrides.pop("photo", jpeg_bytes())
    values = {
        "XingMing": "周文博",
        "XingBie": "男",
        "ChuShengNianYue": "198107",
        "MinZu": "汉族",
        "JiGuan": "湖南长沙",
        "ChuShengDi": "湖南湘潭",
        "RuDangShiJian": "2003.06",
        "CanJiaGongZuoShiJian": "200407",
        "JianKangZhuangKuang": "健康",
        "ZhuanYeJiShuZhiWu": "经济师",
        "ShuXiZhuanYeYouHeZhuanChang": "财政金融、乡村振兴",
        "QuanRiZhiJiaoYu_XueLi": "大学",
        "QuanRiZhiJiaoYu_XueWei": "经济学学士",
        "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "湖南大学经济学院财政学专业",
        "ZaiZhiJiaoYu_XueLi": "研究生",
        "ZaiZhiJiaoYu_XueWei": "管理学硕士",
        "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "中央党校经济管理专业",
        "XianRenZhiWu": "省财政厅预算处副处长",
        "JianLi": "2000.09--2004.07  湖南大学经济学院财政学专业学习\n2004.07--  省财政厅工作",
        "JiangChengQingKuang": "2019年获评全省财政系统先进个人",
        "NianDuKaoHeJieGuo": "2022年度考核称职，2023年度考核优秀",
        "ChengBaoDanWei": "",
        "ShenFenZheng": ID_NUMBER,
        "Version": "3.2.1.16",
    }
    values.update(overrides)
    parts = []
    for name, value in values.items():
        if value is not None:
            parts.append(f"<{name}>{value}</{name}>")
    family = (
        "<JiaTingChengYuan>"
        "<Item><ChengWei>妻子</ChengWei><XingMing>李娟</XingMing><ChuShengRiQi>198303</ChuShengRiQi>"
        "<ZhengZhiMianMao>中共党员</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>长沙市第一中学教师</GongZuoDanWeiJiZhiWu></Item>"
        "<Item><ChengWei>儿子</ChengWei><XingMing>周子涵</XingMing><ChuShengRiQi>201008</ChuShengRiQi>"
        "<ZhengZhiMianMao>群众</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>学生</GongZuoDanWeiJiZhiWu></Item>"
        "<Item><ChengWei/><XingMing/><ChuShengRiQi/><ZhengZhiMianMao/><GongZuoDanWeiJiZhiWu/></Item>"
        "</JiaTingChengYuan>"
    )
    picture = f"<ZhaoPian>{base64.b64encode(photo).decode()}</ZhaoPian>" if photo else "<ZhaoPian/>"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Person xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema">' + "".join(parts) + family + picture + "</Person>"
    ).encode("utf-8")
