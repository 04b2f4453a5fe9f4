"""The identity masks of revision 0003 and earlier, as they were written then (for the re-masking tests)."""
import re


def legacy_name(name):
    if not name:
        return ""
    return "*" if len(name) == 1 else name[0] + "*" * (len(name) - 1)


def legacy_phone(phone):
    if not phone:
        return ""
    if "转" in phone:
        main, ext = phone.split("转", 1)
        return legacy_phone(main) + "转" + ext
    keep_head = 3
    if re.match(r"0[0-9]{2,3}-", phone):
        keep_head = phone.index("-")
    positions = [i for i, ch in enumerate(phone) if ch.isdigit()]
    hidden = set(positions[:-2]) if len(positions) <= keep_head + 4 else set(positions[keep_head:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(phone))


def legacy_id(id_number):
    if not id_number:
        return ""
    return "*" * len(id_number) if len(id_number) <= 10 else id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def legacy_address(address):
    if not address:
        return ""
    return address if len(address) <= 6 else address[:6] + "****"


LEGACY = {"name": legacy_name, "phone": legacy_phone, "id_number": legacy_id, "address": legacy_address}
