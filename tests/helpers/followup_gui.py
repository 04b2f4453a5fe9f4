"""For the pytest-qt walks of the weekly work (办理事项 filters, 重新打印): a window shown at a desk's size, and a
实名 letter about a village cadre registered through the service."""
from __future__ import annotations

import datetime as dt

from services.casework import intake


def show(qtbot, widget, size=(1300, 800)):
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def register(ctx, *, received: dt.date, subjects=(("李四", "青山村委会"),)) -> intake.ComplaintView:
    """A 实名 letter (赵铁柱, 13912345678) about village cadres, registered through the service."""
    return intake.register_complaint(ctx.workspace, intake.ComplaintInput(
        received_date=received, channel="letter", kind="accusation", signature="real_name",
        complainant_name="赵铁柱", complainant_phone="13912345678",
        subjects=[intake.SubjectInput(name=n, unit=u, post="村主任", rank="village_cadre", is_party_member=True,
                                      is_supervised_object=True) for n, u in subjects],
        main_problem="反映其在低保评定中优亲厚友", discipline="mass", receiver_name="王书记"))
