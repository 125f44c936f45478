"""Living arrangements built through the service, for the tests of every app that watches them."""

from living import services
from living.choices import HousingKind, ResponsibleUnit


def housed(secondment, actor, **fields):
    """Record the cadre housed in a transitional flat from the day they reported; returns the term."""
    data = {
        "housing": HousingKind.TRANSITIONAL,
        "address": "城关镇县委周转房3栋201",
        "housing_from": secondment.in_county_from,
        "responsible_unit": ResponsibleUnit.AFFAIRS_BUREAU,
        "contact_name": "县机关事务局 刘科长",
        "contact_phone": "0731-84561234",
        **fields,
    }
    services.record_life_support(secondment=secondment, actor=actor, **data)
    secondment.refresh_from_db()
    return secondment
