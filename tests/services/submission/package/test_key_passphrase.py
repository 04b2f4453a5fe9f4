"""A wrong passphrase is always called a wrong passphrase, a damaged key file a damaged file.

About one wrong passphrase in 256 "decrypts" an encrypted PKCS#8 key to bytes with valid padding
that then fail to parse; that used to be reported as a damaged file (and made a test flaky)."""
from __future__ import annotations

import base64

import pytest

from services.errors import AuthenticationError, ValidationError
from services.submission import pki

# Made with pki.create_signing_key(..., b"right-pass-1"); b"wrong-380" is such a lucky wrong passphrase.
KEY_PEM = b"""-----BEGIN ENCRYPTED PRIVATE KEY-----
MIH0MF8GCSqGSIb3DQEFDTBSMDEGCSqGSIb3DQEFDDAkBBCO7i3OmArhaEO08QJD
VymxAgIIADAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQZZvxkAAVXGlOqZZU
TVotoQSBkIHTczTk+smLC5O7ce0uhhwT36OHR1HqC7tW0GG7vZ0OI/knHX85qPij
cROLJGXeEc3NNbIf03Ap1HePI/pK7i9uVkwRkooJSFbOvm8RzDyMe9HAPxEvlEfS
h5e5/CdO5Zpxvoil+TRrESmoet2CygNAiUoqCjnnKFu9+AoKN2RktGyHqkmwJoXi
ML9mTaW7AQ==
-----END ENCRYPTED PRIVATE KEY-----
"""


def test_the_right_passphrase_opens_the_key():
    assert pki.load_private_key(KEY_PEM, b"right-pass-1").curve.name == "secp256r1"


@pytest.mark.parametrize("wrong", [b"wrong-380", b"wrong-1", b"right-pass-2"])
def test_a_wrong_passphrase_is_named_as_such(wrong):
    with pytest.raises(AuthenticationError) as err:
        pki.load_private_key(KEY_PEM, wrong)
    assert err.value.message == "私钥口令错误，请重新输入"


def test_a_damaged_key_file_is_named_as_such():
    body = b"".join(KEY_PEM.splitlines()[1:-1])
    der = bytearray(base64.b64decode(body))
    der[1] ^= 0x7F  # the outer SEQUENCE's length
    damaged = (b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + base64.encodebytes(bytes(der))
               + b"-----END ENCRYPTED PRIVATE KEY-----\n")
    with pytest.raises(ValidationError) as err:
        pki.load_private_key(damaged, b"right-pass-1")
    assert err.value.message == "私钥文件无法读取，文件可能已损坏"
