"""What the demo generator draws besides the texts: the shares of the vocabularies, the weighted
picker, the record of a cadre on the township's roster.
"""
from __future__ import annotations

import bisect
import random
from itertools import accumulate


# Shares (weights) of the vocabularies; rare codes still show up at small scales through Picker.
CHANNELS = {"letter": 30, "visit": 22, "phone": 15, "online": 20, "referred_from_above": 7,
             "inspection_transfer": 2.5, "audit_transfer": 1.5, "other": 2}
KINDS = {"accusation": 62, "suggestion": 12, "appeal": 8, "out_of_scope": 12, "no_substance": 6}
SIG_VISIT = {"real_name": 85, "signed": 10, "anonymous": 5}
SIG_OTHER = {"real_name": 30, "signed": 20, "anonymous": 50}
DISP_COMPLAINT = {"talk_inquiry": 36, "closed": 30, "preliminary_verification": 22, "shelved": 12}
DISP_OTHER = {"preliminary_verification": 45, "talk_inquiry": 30, "closed": 15, "shelved": 10}
OTHER_SOURCES = {"assigned_from_above": 25, "supervision_found": 25, "inspection_transfer": 15,
                  "audit_transfer": 12, "judicial_transfer": 8, "self_report": 8, "other": 7}
TI_RESULTS = {"concluded": 55, "clarified": 30, "to_verification": 15}
PV_RESULTS = {"case_filed": 38, "concluded": 32, "reminder_talk": 20, "transferred": 10}
PROFILES = {
    (True, True): {"party": 35, "gov": 10, "both": 20, "handling": 32, "judicial": 3},
    (True, False): {"party": 70, "handling": 27, "judicial": 3},
    (False, True): {"gov": 70, "handling": 27, "judicial": 3},
    (False, False): {"handling": 95, "judicial": 5},
}
PARTY = {"party_warning": 40, "party_serious_warning": 28, "party_post_removal": 10, "party_probation": 12,
          "party_expulsion": 10}
GOV = {"gov_warning": 30, "gov_demerit": 25, "gov_major_demerit": 18, "gov_demotion": 10,
        "gov_dismissal_from_post": 10, "gov_expulsion": 7}
CASE_HANDLING = {"admonishment": 30, "criticism": 20, "self_review": 10, "circulated_criticism": 12,
                  "reminder_talk": 8, "suspension": 5, "post_adjustment": 6, "ordered_resignation": 3,
                  "removal_from_post": 5, "demotion": 4}
OUTCOMES = {"closed_no_fault": 45, "inquiry": 15, "integrity_talk": 22, "held_accountable": 18}
METHODS = {"circulation": 35, "admonishment": 35, "organizational_adjustment": 15, "disciplinary_sanction": 15}
MONTH_FACTOR = (1.0, 0.7, 1.1, 1.05, 1.0, 1.1, 1.15, 1.0, 0.95, 0.85, 1.05, 1.2)
SIX = ("political", "organizational", "integrity", "mass", "work", "life")


class Picker:
    """A weighted choice; with ``cover`` > 0 it first makes sure every option turns up once."""

    def __init__(self, weights: dict[str, float], cover: float = 0.0):
        self.keys = list(weights)
        self.cum = list(accumulate(weights.values()))
        self.unseen = list(self.keys) if cover else []
        self.cover = cover

    def __call__(self, rng: random.Random) -> str:
        if self.unseen and rng.random() < self.cover:
            return self.unseen.pop(rng.randrange(len(self.unseen)))
        key = self.keys[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]
        if self.unseen and key in self.unseen:
            self.unseen.remove(key)
        return key


class Cadre:
    """A person on the roster: who may turn up in complaints, leads and cases."""
    __slots__ = ("name", "gender", "unit", "kind", "post", "rank", "party", "supervised", "ethnicity",
                 "birth", "joined")
