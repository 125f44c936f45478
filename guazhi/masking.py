"""Masking personal data for people who may not see it whole."""


def mask_id_number(number: str) -> str:
    """110105194912310020 -> 110105********0020: the region stays, the birth date goes."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678."""
    digits = phone or ""
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
