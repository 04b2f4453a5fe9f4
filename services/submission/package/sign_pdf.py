"""Signing with pyHanko: the PAdES signature on the report PDF (with an optional visible
stamp) and the detached CMS signature over the bag's tag manifest."""
from __future__ import annotations

import asyncio
import binascii
import hashlib
import uuid
from datetime import datetime
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from services.errors import ValidationError
from services.submission import pki
from services.submission.package import pdf_binding

SIGNATURE_FIELD = "Signature1"
STAMP_RED = (0.78, 0.08, 0.08)


def load_signer(
    key_pem: bytes, passphrase: bytes, cert_pem: bytes, chain_pems: list[bytes]
) -> signers.SimpleSigner:
    """A pyHanko signer from the encrypted key, its certificate and the chain up to the root."""
    key = pki.load_private_key(key_pem, passphrase)
    cert = pki.load_certificate(cert_pem)
    if cert.public_key().public_numbers() != key.public_key().public_numbers():
        raise ValidationError("证书与本单位私钥不匹配：这不是为本单位私钥签发的证书", field="cert")
    chain: list[asn1_x509.Certificate] = []
    for pem in chain_pems:
        chain.extend(load_certs_from_pemder_data(pem))
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    return signers.SimpleSigner(
        signing_cert=signing_cert,
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


class _PdfBytesPage(PdfContent):
    """First page of an in-memory PDF, imported as a form XObject (pyHanko's
    ImportedPdfPage only reads from a file name)."""

    def __init__(self, data: bytes):
        super().__init__()
        self._data = data

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobj = writer.import_page_as_xobject(PdfFileReader(BytesIO(self._data)), page_ix=0)
        name = b"/Stamp" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


def render_stamp(width: float, height: float, org_name: str, date_text: str, font_path: Path) -> bytes:
    """A one-page PDF the size of the stamp box: red frame, org name, "电子签章 <date>".

    Drawn with ReportLab so the CJK TrueType font is subset and embedded (pyHanko's own
    text stamps would need HarfBuzz, which the app does not ship).
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font_path = Path(font_path)
    if not font_path.is_file():
        raise ValidationError(f"签章字体文件不存在：{font_path}", field="stamp_font_path")
    font_name = "JJStamp-" + hashlib.sha256(str(font_path.resolve()).encode("utf-8")).hexdigest()[:16]
    if font_name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(TTFont(font_name, str(font_path)))
        except Exception as exc:  # ReportLab raises TTFError and friends
            raise ValidationError(f"签章字体无法使用（需要 TrueType 字体）：{exc}", field="stamp_font_path") from exc
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.setStrokeColorRGB(*STAMP_RED)
    c.setFillColorRGB(*STAMP_RED)
    c.setLineWidth(2)
    c.roundRect(2, 2, width - 4, height - 4, radius=min(8, height / 6), stroke=1, fill=0)
    lines = [org_name, f"电子签章 {date_text}"]
    inner_w = width - 14
    sizes = []
    for i, text in enumerate(lines):
        size = min(height * (0.30 if i == 0 else 0.20), 18 if i == 0 else 11)
        text_w = pdfmetrics.stringWidth(text, font_name, size)
        if text_w > inner_w:
            size = size * inner_w / text_w
        sizes.append(max(size, 4))
    total = sum(sizes) * 1.25
    y = (height + total) / 2
    for text, size in zip(lines, sizes):
        y -= size * 1.25
        c.setFont(font_name, size)
        c.drawCentredString(width / 2, y + size * 0.2, text)
    c.showPage()
    c.save()
    return buf.getvalue()


async def _sign_pdf_async(
    pdf_bytes: bytes,
    signer: signers.SimpleSigner,
    signing_time: datetime,
    field_spec: fields.SigFieldSpec,
    stamp_style: StaticStampStyle | None,
    org_name: str,
    binding: dict[str, str],
) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    # In the signed revision, so the signature covers it (see pdf_binding).
    trailer = writer.prev.trailer
    writer.set_info(pdf_binding.info_with_binding(
        trailer["/Info"].get_object() if "/Info" in trailer else None, binding))
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"乡镇纪委月报电子签章（{binding['JJPeriod']} 第 {binding['JJRevision']} 版）",
        name=org_name,
    )
    pdf_signer = signers.PdfSigner(meta, signer, stamp_style=stamp_style, new_field_spec=field_spec)
    # The interrupted-signing steps of PdfSigner.async_sign_pdf, so the signing time is ours.
    session = pdf_signer.init_signing_session(writer)
    session.system_time = signing_time
    validation_info = await session.perform_presign_validation(writer)
    reserved = await session.estimate_signature_container_size(validation_info, tight=False)
    tbs = session.prepare_tbs_document(validation_info=validation_info, bytes_reserved=reserved)
    prepared, output = tbs.digest_tbs_document(in_place=False, output=BytesIO())
    post = await tbs.perform_signature(
        document_digest=prepared.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(signing_time=signing_time),
    )
    await post.post_signature_processing(output)
    return output.getvalue()


def sign_report_pdf(
    pdf_bytes: bytes,
    signer: signers.SimpleSigner,
    *,
    org_name: str,
    signing_time: datetime,
    stamp_font_path: Path | None,
    signature_box: tuple[int, tuple[float, float, float, float]] | None,
    report: dict,
) -> bytes:
    """PAdES B-B signature on the report; a visible stamp when ``signature_box`` is given.

    ``signature_box`` is (page index, (x1, y1, x2, y2)) in PDF points; page -1 is the last page.
    ``report`` is report.json's content as packaged: the PDF is tied to it (``pdf_binding``).
    """
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes))
        page_count = int(reader.root["/Pages"]["/Count"])
        if reader.embedded_signatures:
            raise ValidationError("报表 PDF 已含有签名，不能再次签章", field="pdf")
    except (PdfError, KeyError, ValueError, TypeError) as exc:
        raise ValidationError("报表 PDF 无法读取，文件可能已损坏", field="pdf") from exc
    stamp_style = None
    if signature_box is None:
        field_spec = fields.SigFieldSpec(SIGNATURE_FIELD)
    else:
        page, (x1, y1, x2, y2) = signature_box
        if page < 0:
            page += page_count
        if not 0 <= page < page_count:
            raise ValidationError(f"签章位置的页码超出范围（共 {page_count} 页）", field="signature_box")
        if x2 - x1 < 40 or y2 - y1 < 20:
            raise ValidationError("签章区域太小", field="signature_box")
        if stamp_font_path is None:
            raise ValidationError("加盖可见签章需要中文 TrueType 字体", field="stamp_font_path")
        date_text = signing_time.astimezone().strftime("%Y-%m-%d")
        stamp_pdf = render_stamp(x2 - x1, y2 - y1, org_name, date_text, stamp_font_path)
        stamp_style = StaticStampStyle(
            background=_PdfBytesPage(stamp_pdf),
            background_opacity=1.0,
            border_width=0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
            ),
        )
        field_spec = fields.SigFieldSpec(
            SIGNATURE_FIELD, on_page=page, box=(int(x1), int(y1), int(x2), int(y2))
        )
    try:
        return asyncio.run(
            _sign_pdf_async(pdf_bytes, signer, signing_time, field_spec, stamp_style, org_name,
                            pdf_binding.binding_for(report))
        )
    except (SigningError, PdfError) as exc:
        raise ValidationError(f"报表 PDF 签章失败：{exc}", field="pdf") from exc


def sign_detached(data: bytes, signer: signers.SimpleSigner, signing_time: datetime) -> bytes:
    """Detached CMS SignedData (DER) over ``data``, with the signer chain embedded."""
    content_info = asyncio.run(
        signer.async_sign_general_data(
            data,
            "sha256",
            detached=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=signing_time),
        )
    )
    return content_info.dump()
