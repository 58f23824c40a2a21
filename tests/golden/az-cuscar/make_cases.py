"""Write the az-cuscar golden inputs, their case.md files, the README and examples/az-cuscar.edi.

EDIFACT has no comments, and its bytes matter: the release character, the segment count in UNT, the
syntax identifier and the encoding it promises. So every input is built here from segments written as
Python data, escaped by one function, counted by one function and encoded by Python's codecs, never by
hand. Each error case is one deliberate change to a valid interchange. After changing anything here, run
from the repository root, then regenerate the goldens and review the diff::

    .venv/bin/python tests/golden/az-cuscar/make_cases.py
    .venv/bin/python -m pytest tests/test_golden.py -k az-cuscar --regenerate-golden

The interchanges follow UN/EDIFACT CUSCAR D.96B (a real message standard) as the Azerbaijan usage
profile in docs/formats/az-cuscar.md uses it; that profile is the project's stand-in, not the State
Customs Committee's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
EXAMPLE = HERE.parent.parent.parent / "examples" / "az-cuscar.edi"
STAND_IN = (
    "Stand-in fixture for the Azerbaijan CUSCAR usage profile (az-cuscar): the message standard "
    "(UN/EDIFACT CUSCAR, directory D.96B) is real, the national profile is the project's."
)
SPECIAL = "?+:'"
"""The service characters of the default UNA (release, data element, component, segment terminator)."""

Element = str | Sequence[str]


@dataclass(frozen=True)
class Syntax:
    """What UNB promises: syntax identifier and version, the codec that holds to it, the UNA to write."""

    identifier: str
    version: str
    codec: str
    una: str | None

    def stamp(self, date: str, time: str) -> list[str]:
        """S004 date and time: CCYYMMDD from syntax version 4 on, YYMMDD before."""
        return [date if self.version == "4" else date[2:], time]


UNOY = Syntax("UNOY", "4", "utf-8", "UNA:+.?*'")
UNOY_DECIMAL_COMMA = Syntax("UNOY", "4", "utf-8", "UNA:+,?*'")
UNOC = Syntax("UNOC", "3", "latin-1", None)
UNOC_DECIMAL_COMMA = Syntax("UNOC", "3", "latin-1", "UNA:+,? '")


def escape(text: str) -> str:
    """`text` with every service character preceded by the release character `?`.

    The profile's data never holds `*`, the repetition separator that syntax version 4 adds, so it needs
    no escaping here (an assertion keeps it so)."""
    assert "*" not in text, f"{text!r} holds the repetition separator"
    return "".join(f"?{char}" if char in SPECIAL else char for char in text)


def _trimmed(items: list[str]) -> list[str]:
    while items and not items[-1]:
        items.pop()
    return items


def segment(tag: str, *elements: Element) -> str:
    """One segment without its terminator; trailing empty components and elements are left out."""
    texts = []
    for element in elements:
        components = [element] if isinstance(element, str) else list(element)
        texts.append(":".join(escape(component) for component in _trimmed(components)))
    return "+".join([tag, *_trimmed(texts)])


def message(reference: str, body: list[str]) -> list[str]:
    """UNH, the body and a UNT that counts every segment from UNH to UNT."""
    segments = [segment("UNH", reference, ["CUSCAR", "D", "96B", "UN"]), *body]
    return [*segments, segment("UNT", str(len(segments) + 1), reference)]


def interchange(syntax: Syntax, header: list[Element], control: str, messages: list[list[str]]) -> list[str]:
    """UNB, the messages and UNZ."""
    unb = segment("UNB", [syntax.identifier, syntax.version], *header, control, "", "CUSCAR")
    return [unb, *(seg for msg in messages for seg in msg), segment("UNZ", str(len(messages)), control)]


def render(syntax: Syntax, segments: list[str], newline: str = "\n") -> bytes:
    """The interchange as bytes in the syntax's codec, with the UNA when the syntax writes one."""
    text = "".join(f"{seg}'{newline}" for seg in segments)
    if syntax.una:
        text = syntax.una + newline + text
    return text.encode(syntax.codec)


def container(owner_and_serial: str) -> str:
    """An ISO 6346 container number: owner code, category U and six digits, with its check digit."""
    values = {}
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    total = sum(
        (values[char] if char.isalpha() else int(char)) * 2**index
        for index, char in enumerate(owner_and_serial)
    )
    return f"{owner_and_serial}{total % 11 % 10}"


def imo(six_digits: str) -> str:
    """An IMO ship number: six digits and the check digit (weights 7 to 2)."""
    total = sum(int(digit) * weight for digit, weight in zip(six_digits, range(7, 1, -1), strict=True))
    return f"{six_digits}{total % 10}"


def nad(
    qualifier: str, tax_id: str, name: list[str], street: str, city: str, postcode: str, country: str
) -> str:
    """NAD with a party ID (a VÖEN, BIN or other tax number), name in C080 and a structured address."""
    for part in [*name, street, city]:
        assert len(part) <= 35, f"NAD component over an..35: {part!r}"
    party = [tax_id, "", "ZZZ"] if tax_id else ""
    return segment("NAD", qualifier, party, "", name, street, city, "", postcode, country)


def ftx(text: list[str], language: str) -> str:
    """FTX+AAA: goods description in C108 (lines of an..70) with its ISO 639-1 language in 3453."""
    for line in text:
        assert len(line) <= 70, f"FTX line over an..70: {line!r}"
    return segment("FTX", "AAA", "", "", text, language)


def loc(qualifier: str, code: str, name: str = "", port: bool = False) -> str:
    """LOC with a UN/LOCODE (or customs office or country code) and, optionally, its name in 3224."""
    return segment("LOC", qualifier, [code, "139" if port else "", "6" if port else "", name])


def dtm(qualifier: str, value: str, form: str = "203") -> str:
    return segment("DTM", [qualifier, value, form])


def mea(attribute: str, kilograms: str, unit: str = "KGM") -> str:
    return segment("MEA", "AAE", attribute, [unit, kilograms])


# The Caspian ferry: Aktau (KZ) to the Baku International Sea Trade Port at Alat (AZ), UNOY, with UNA.

TGHU = container("TGHU345678")
CSNU = container("CSNU618423")
FERRY = imo("938742")


def ferry_body(
    departure: str = "202406102300", export: str = "KZ", consignor: str = "CZ", extra: tuple[str, ...] = ()
) -> list[str]:
    """The ferry report; `extra` segments come after the equipment, before the message's totals."""
    return [
        segment("BGM", "785", "ASCO-XB2406-AKT", "9"),
        dtm("137", "202406110715"),
        nad(
            "MS",
            "990340012871",
            ["ТОО «Каспиан Шиппинг Агент»"],
            "проспект 15-й микрорайон, 22",
            "Актау",
            "130000",
            "KZ",
        ),
        nad(
            "CA",
            "1700038881",
            ["Azərbaycan Xəzər Dəniz Gəmiçiliyi", "QSC"],
            "Mikayıl Useynov küçəsi, 2",
            "Bakı",
            "AZ1003",
            "AZ",
        ),
        segment("TDT", "20", "XB2406", "1", "", "", "", "", [FERRY, "146", "11", "Xəzər Körpüsü", "AZ"]),
        loc("9", "KZAAU", "Aktau", port=True),
        loc("11", "AZALA", "Ələt", port=True),
        loc("41", "AZ12110", "Bakı Beynəlxalq Dəniz Ticarət Limanı gömrük postu"),
        dtm("133", departure),
        dtm("132", "202406111500"),
        segment("EQD", "CN", TGHU, ["22G1", "102", "5"], "", "", "5"),
        mea("AAD", "14280"),
        segment("SEL", "KZ0451287", "CA"),
        segment("EQD", "CN", CSNU, ["22G1", "102", "5"], "", "", "5"),
        mea("AAD", "10264"),
        segment("SEL", "KZ0451288", "CA"),
        segment("SEL", "KZ0451289", "CU"),
        *extra,
        segment("CNT", ["7", "20124", "KGM"]),
        segment("CNT", ["11", "560"]),
        segment("CNI", "1"),
        segment("CNT", ["7", "12060", "KGM"]),
        segment("CNT", ["11", "240"]),
        segment("RFF", ["BM", "ASCO/AKT-ALA/240611-01"]),
        loc("9", "KZAAU", "Актау", port=True),
        loc("11", "AZALA", "Ələt", port=True),
        loc("35", export),
        loc("28", "AZ"),
        nad(
            consignor,
            "060440015349",
            ["ТОО «Каспий Астык Экспорт»"],
            "Промышленная зона, 4",
            "Актау",
            "130000",
            "KZ",
        ),
        nad(
            "CN", "1701234561", ["Sumqayıt Un Dəyirmanı MMC"], "Sənaye zonası, 14", "Sumqayıt", "AZ5000", "AZ"
        ),
        nad(
            "N1",
            "1400577421",
            ["Bakı Logistika Mərkəzi ASC"],
            "Ələt qəsəbəsi, Liman yolu 1",
            "Bakı",
            "AZ0138",
            "AZ",
        ),
        segment("GID", "1", ["240", "BG"]),
        ftx(["Пшеница мягкая продовольственная 3 класса, урожай 2023 года,", "в мешках по 50 кг"], "ru"),
        mea("AAE", "12060"),
        mea("AAF", "12000"),
        segment("SGP", TGHU, "240"),
        segment("PCI", "", "KAE-0611 1-240"),
        segment("CST", "", ["1001990000", "TAR"]),
        segment("CNI", "2"),
        segment("CNT", ["7", "8064", "KGM"]),
        segment("CNT", ["11", "320"]),
        segment("RFF", ["BM", "ASCO/AKT-ALA/240611-02"]),
        loc("9", "KZAAU", "Актау", port=True),
        loc("11", "AZALA", "Ələt", port=True),
        loc("35", "KZ"),
        loc("28", "AZ"),
        nad("CZ", "111240030211", ["ТОО «Мангистау Мука»"], "улица Сатпаева, 9", "Актау", "130000", "KZ"),
        nad(
            "CN",
            "1300872211",
            ["Abşeron Çörək Zavodu MMC"],
            "Heydər Əliyev prospekti, 152",
            "Xırdalan",
            "AZ0100",
            "AZ",
        ),
        segment("GID", "1", ["320", "BG"]),
        ftx(["Əla növ yumşaq buğda unu, 25 kq-lıq kağız kisələrdə"], "az"),
        mea("AAE", "8064"),
        mea("AAF", "8000"),
        segment("SGP", CSNU, "320"),
        segment("PCI", "", "ABZ-0611 1-320"),
        segment("CST", "", ["1101001500", "TAR"]),
    ]


def ferry(**changes: Any) -> list[str]:
    header = [["ASCOAKTAU", "ZZZ"], ["AZDGK", "ZZZ"], UNOY.stamp("20240611", "0715")]
    return interchange(UNOY, header, "AKT0611071501", [message("1", ferry_body(**changes))])


# Rail through Böyük Kəsik (GE border): UNOC, no UNA, one line, names without ə ğ ı ş.

CONTAINERS_RAIL = [container("TKRU412873"), container("BSIU920034")]


def rail_body(carrier: list[str] | None = None, mark: str = ".") -> list[str]:
    """The rail report; its decimal numbers are written with `mark`."""
    return [
        segment("BGM", "785", "ADY-2811-240612", "9"),
        dtm("137", "202406120930"),
        nad(
            "CA",
            "9900008201",
            carrier or ["Azerbaycan Demir Yollari QSC"],
            "Dilara Aliyeva küçesi, 230",
            "Baki",
            "AZ1010",
            "AZ",
        ),
        segment("TDT", "20", "2811", "2", "", "", "", "", ["2811", "", "", "", "AZ"]),
        loc("41", "AZ16100", "Böyük Kesik demir yolu gömrük postu"),
        dtm("133", "202406120600"),
        dtm("132", "202406121840"),
        segment("EQD", "CN", CONTAINERS_RAIL[0], ["42G1", "102", "5"], "", "", "5"),
        segment("SEL", "GE7730412", "CU"),
        segment("EQD", "CN", CONTAINERS_RAIL[1], ["42G1", "102", "5"], "", "", "5"),
        segment("SEL", "GE7730413", "CU"),
        segment("CNI", "1"),
        segment("CNT", ["7", f"41{mark}6", "TNE"]),
        segment("CNT", ["11", "96"]),
        segment("RFF", ["AAS", "SMGS 24-0612-77"]),
        loc("9", "GEPTI", "Poti"),
        loc("11", "AZBAK", "Baki"),
        loc("35", "GE"),
        loc("28", "AZ"),
        nad("CZ", "404412786", ["Poti Ceramics Trading LLC"], "Aghmashenebeli st. 12", "Poti", "4400", "GE"),
        nad(
            "CN",
            "1502283311",
            ["Baki Tikinti Materiallari MMC"],
            "Qaradag rayonu, Sahil qes.",
            "Baki",
            "AZ1083",
            "AZ",
        ),
        segment("GID", "1", ["48", "PX"]),
        ftx(["Keramik döseme plitelari, 60x60 sm, paletlerde"], "az"),
        mea("AAE", "20800"),
        segment("MOA", ["40", f"18720{mark}00", "EUR"]),
        segment("SGP", CONTAINERS_RAIL[0], "48"),
        segment("PCI", "", "PCT 1-48"),
        segment("CST", "", ["6907210000", "TAR"]),
        segment("GID", "2", ["48", "PX"]),
        ftx(["Keramik divar plitelari, 30x60 sm, paletlerde"], "az"),
        mea("AAE", "20800"),
        segment("SGP", CONTAINERS_RAIL[1], "48"),
        segment("PCI", "", "PCT 49-96"),
        segment("CST", "", ["6907220000", "TAR"]),
    ]


def rail(
    syntax: Syntax = UNOC, carrier: list[str] | None = None, with_unh: bool = True, mark: str = "."
) -> list[str]:
    header = [["ADYBK", "ZZZ"], ["AZDGK", "ZZZ"], syntax.stamp("20240612", "0930")]
    msg = message("2811", rail_body(carrier, mark))
    if not with_unh:
        msg = msg[1:]
    return interchange(syntax, header, "BK0612093001", [msg])


# Road through Qırmızı Körpü (Krasny Most, GE border) with service characters inside the data.

TRAILER = "10-RT-417/P"
TRAILER_SEAL = "GE0613552"


def road_body() -> list[str]:
    return [
        segment("BGM", "785", "QK-240613-0042", "9"),
        dtm("137", "202406130640"),
        nad(
            "CA",
            "1403388711",
            ["«Bakı Limanı'nın Yük Daşımaları»", "MMC"],
            "Neftçilər prospekti, 153",
            "Bakı",
            "AZ1010",
            "AZ",
        ),
        segment(
            "TDT", "20", "QK0613", "3", "", "", "", "", ["10-RT-417", "", "", "DAF XF 480 + Krone SD", "AZ"]
        ),
        loc("41", "AZ14200", "Qırmızı Körpü gömrük postu"),
        dtm("133", "202406130500"),
        dtm("132", "202406130830"),
        segment("EQD", "TE", TRAILER, ["", "", "", "Reefer semi-trailer 13,6 m"]),
        segment("SEL", TRAILER_SEAL, "CU"),
        segment("CNI", "1"),
        segment("CNT", ["7", "18450", "KGM"]),
        segment("CNT", ["11", "1230"]),
        segment("RFF", ["AAS", "CMR GE-24/0613:5"]),
        loc("9", "GETBS", "Tbilisi"),
        loc("11", "AZBAK", "Bakı"),
        loc("35", "GE"),
        loc("28", "AZ"),
        nad(
            "CZ", "405120334", ["Kakheti Fruit+ LLC"], "David Agmashenebeli Ave. 71", "Tbilisi", "0102", "GE"
        ),
        nad("CN", "1800221971", ["Kür+Araz Aqro MMC"], "Babək prospekti, 2: blok A", "Bakı", "AZ1025", "AZ"),
        segment("GID", "1", ["1230", "CT"]),
        ftx(["Təzə alma (Golden Delicious), daşınma temperaturu +2...+4 °C"], "az"),
        mea("AAE", "18450"),
        mea("AAF", "17220"),
        segment("SGP", TRAILER, "1230"),
        segment("PCI", "", ["KF+ 2024/06", "1-1230"]),
        segment("CST", "", ["0808108000", "TAR"]),
    ]


def road() -> list[str]:
    header = [["QKROAD01", "ZZZ"], ["AZDGK", "ZZZ"], UNOY.stamp("20240613", "0640")]
    return interchange(UNOY, header, "QK0613064001", [message("42", road_body())])


# Several consignments, goods items and containers: Kuryk (KZ) to Alat, UNOY, with UNA.

KURYK_CONTAINERS = [container(code) for code in ("MSKU702155", "MSKU702161", "TCNU300417", "FSCU884512")]


def kuryk_body(extra: tuple[str, ...] = ()) -> list[str]:
    """The Kuryk report; `extra` segments come after the equipment, before the message's totals."""
    first, second, third, fourth = KURYK_CONTAINERS
    return [
        segment("BGM", "785", "KRK-ALA-240614", "9"),
        dtm("137", "202406140400"),
        nad(
            "MS", "180340021196", ["ТОО «Курык Порт Сервис»"], "Промзона порта Курык", "Курык", "130500", "KZ"
        ),
        nad(
            "CA",
            "1700038881",
            ["Azərbaycan Xəzər Dəniz Gəmiçiliyi", "QSC"],
            "Mikayıl Useynov küçəsi, 2",
            "Bakı",
            "AZ1003",
            "AZ",
        ),
        segment("TDT", "20", "KR2407", "1", "", "", "", "", [imo("951204"), "146", "11", "Şahdağ", "AZ"]),
        loc("9", "KZKUR", "Kuryk", port=True),
        loc("11", "AZALA", "Ələt", port=True),
        loc("41", "AZ12110", "Bakı Beynəlxalq Dəniz Ticarət Limanı gömrük postu"),
        dtm("133", "202406132100"),
        dtm("132", "202406141630"),
        segment("EQD", "CN", first, ["45G1", "102", "5"], "", "", "5"),
        segment("SEL", "KZ1180044", "CA"),
        segment("EQD", "CN", second, ["45G1", "102", "5"], "", "", "5"),
        segment("SEL", "KZ1180045", "CA"),
        segment("SEL", "KZ1180046", "CU"),
        segment("EQD", "CN", third, ["22G1", "102", "5"], "", "", "5"),
        segment("SEL", "CN2024551", "SH"),
        segment("EQD", "CN", fourth, ["22G1", "102", "5"], "", "", "5"),
        segment("SEL", "KZ1180047", "CA"),
        segment("SEL", "KZ1180048", "CU"),
        *extra,
        segment("CNT", ["10", "3"]),
        segment("CNI", "1"),
        segment("CNT", ["7", "31500", "KGM"]),
        segment("CNT", ["11", "1260"]),
        segment("RFF", ["BM", "ASCO/KRK-ALA/240614-01"]),
        loc("9", "KZKUR", "Курык", port=True),
        loc("11", "AZALA", "Ələt", port=True),
        loc("35", "KZ"),
        loc("28", "AZ"),
        nad(
            "CZ",
            "020340002285",
            ["ТОО «Западный Полимер»"],
            "улица Промышленная, 1",
            "Атырау",
            "060000",
            "KZ",
        ),
        nad(
            "CN",
            "1702930061",
            ["Sumqayıt Kimya Sənaye Parkı", "Polimer Emalı MMC"],
            "Sənaye parkı, sahə 3",
            "Sumqayıt",
            "AZ5000",
            "AZ",
        ),
        nad(
            "N1",
            "1400577421",
            ["Bakı Logistika Mərkəzi ASC"],
            "Ələt qəsəbəsi, Liman yolu 1",
            "Bakı",
            "AZ0138",
            "AZ",
        ),
        segment("GID", "1", ["840", "BG"]),
        ftx(["Полиэтилен высокой плотности в гранулах, марка HDPE F-0220"], "ru"),
        mea("AAE", "21000"),
        mea("AAF", "20790"),
        segment("MOA", ["40", "25200,00", "USD"]),
        segment("SGP", first, "420"),
        segment("SGP", second, "420"),
        segment("PCI", "", "ZP-HDPE 1-840"),
        segment("CST", "", ["390120", "HS"]),
        segment("GID", "2", ["420", "BG"]),
        ftx(["Полипропилен гомополимер в гранулах, марка PP H030"], "ru"),
        mea("AAE", "10500"),
        mea("AAF", "10394,5"),
        segment("MOA", ["40", "11340.50", "USD"]),
        segment("SGP", first, "420"),
        segment("PCI", "", "ZP-PP 1-420"),
        segment("CST", "", ["3902100000", "TAR"]),
        segment("CNI", "2"),
        segment("CNT", ["7", "9870", "KGM"]),
        segment("CNT", ["11", "214"]),
        segment("RFF", ["BM", "ASCO/KRK-ALA/240614-02"]),
        loc("9", "KZKUR", "Курык", port=True),
        loc("11", "AZALA", "Ələt", port=True),
        loc("35", "CN"),
        loc("28", "AZ"),
        nad(
            "CZ",
            "",
            ["Xinjiang Tianshan Paint Co., Ltd."],
            "No. 18 Kashi East Road",
            "Urumqi",
            "830000",
            "CN",
        ),
        nad(
            "CN",
            "1301455721",
            ["Gəncə Tikinti Boyaları ASC"],
            "Atatürk prospekti, 77",
            "Gəncə",
            "AZ2000",
            "AZ",
        ),
        segment("GID", "1", ["180", "DR"]),
        ftx(["Akril əsaslı fasad boyası, 50 litrlik metal barabanlarda"], "az"),
        mea("AAE", "9360"),
        mea("AAF", "9000"),
        segment("SGP", third, "180"),
        segment("DGS", "IMD", ["3"], ["1263"], "", "III"),
        segment("PCI", "", "TSP-ALA 1-180"),
        segment("CST", "", ["3208209000", "TAR"]),
        segment("GID", "2", ["34", "CT"]),
        ftx(["Boya üçün həlledici və qatılaşdırıcı (nümunələr)"], "az"),
        mea("AAE", "510"),
        segment("SGP", third, "34"),
        segment("PCI", "", "TSP-ALA S1-S34"),
        segment("CST", "", ["3814009000", "TAR"]),
        segment("CNI", "3"),
        segment("CNT", ["7", "16240", "KGM"]),
        segment("CNT", ["11", "28"]),
        segment("RFF", ["BM", "ASCO/KRK-ALA/240614-03"]),
        loc("9", "KZKUR", "Курык", port=True),
        loc("11", "AZALA", "Ələt", port=True),
        loc("35", "KZ"),
        loc("28", "AZ"),
        nad(
            "CZ", "150540019932", ["ТОО «КазАгроМаш Экспорт»"], "проспект Абая, 151", "Алматы", "050009", "KZ"
        ),
        nad("CN", "1600339401", ["Şirvan Aqrotexnika MMC"], "Bakı şosesi, 5-ci km", "Şirvan", "AZ5700", "AZ"),
        segment("GID", "1", ["28", "CR"]),
        ftx(["Запасные части к зерноуборочным комбайнам (ножи, шнеки, цепи)"], "ru"),
        mea("AAE", "16240"),
        mea("AAF", "15100"),
        segment("SGP", fourth, "28"),
        segment("PCI", "", "KAM 1-28"),
        segment("CST", "", ["8433900000", "TAR"]),
    ]


def kuryk(extra: tuple[str, ...] = ()) -> list[str]:
    header = [["ASCOKURYK", "ZZZ"], ["AZDGK", "ZZZ"], UNOY.stamp("20240614", "0400")]
    return interchange(UNOY_DECIMAL_COMMA, header, "KRK0614040001", [message("KR2407", kuryk_body(extra))])


UNNAMED = container("TGHU998877")
"""A sealed container that the ferry report declares and that no goods item names."""


def changed(data: bytes, old: bytes, new: bytes) -> bytes:
    """`data` with the one occurrence of `old` replaced by `new`."""
    if data.count(old) != 1:
        raise ValueError(f"{old!r} occurs {data.count(old)} times: make_cases.py is out of step")
    return data.replace(old, new)


def cases() -> dict[str, tuple[bytes, str]]:
    """Each case: its input bytes and the first paragraph of its case.md."""
    ferry_bytes = render(UNOY, ferry())
    rail_bytes = render(UNOC, rail(), newline="")
    cut = ferry_bytes.index("урожай".encode())
    segments = len(ferry()) - 2  # UNH to UNT: all but UNB and UNZ
    unt = f"UNT+{segments}+1'".encode()
    return {
        "ferry-aktau-alat-unoy": (
            ferry_bytes,
            "Valid cargo report (BGM 785) of the Caspian ferry Xəzər Körpüsü from Aktau (KZAAU) to the Baku "
            "International Sea Trade Port at Alat (AZALA): UNA, syntax UNOY version 4 (UTF-8), two "
            "consignments in two 20-foot containers with three seals, goods described in Russian (FTX "
            "language ru) and Azerbaijani (az), party names in Russian and Azerbaijani (ə ğ ı ö ü ç ş), "
            "national tariff codes, masses in kilograms. Each consignment carries the container that its "
            "goods item names in SGP, with the container's size and type and its seals (EQD, SEL).",
        ),
        "rail-boyuk-kesik-unoc": (
            rail_bytes,
            "Valid cargo report of container train 2811 from Poti (GE) to Baku through the Böyük Kəsik rail "
            "border: no UNA (the default service characters), syntax UNOC version 3 (ISO 8859-1), the "
            "whole interchange on one line. UNOC cannot hold ə ğ ı ş İ, so the sender wrote the names "
            "without them: Baki for Bakı, Azerbaycan Demir Yollari for Azərbaycan Dəmir Yolları, Kesik "
            "for Kəsik, Qaradag for Qaradağ. ö and ü are in ISO 8859-1 and are kept (Böyük, gömrük) as the "
            "single bytes F6 and FC. The loss is the sender's and cannot be undone here: the names are "
            "carried as written. Consignment mass in tonnes (CNT 6411 TNE).",
        ),
        "road-qirmizi-korpu-release": (
            render(UNOY, road()),
            "Valid cargo report of a reefer truck from Tbilisi through Qırmızı Körpü (Krasny Most) to "
            "Baku, UNOY with UNA, whose data holds every service character behind the release character "
            "?: the carrier «Bakı Limanı?'nın Yük Daşımaları» (apostrophe), consignor Kakheti Fruit?+ LLC "
            "and consignee Kür?+Araz Aqro MMC (plus sign), a CMR number GE-24/0613?:5 and a street "
            "2?: blok A (colon), temperatures ?+2...?+4 °C in the goods description, "
            "marks KF?+ 2024/06. Each must come out unescaped. The goods travel in a sealed "
            "semi-trailer (EQD+TE, its plate 10-RT-417/P as the number) that the goods item names in SGP, "
            "so the consignment's equipment is the trailer, with its customs seal.",
        ),
        "multi-consignment-kuryk-alat": (
            render(UNOY_DECIMAL_COMMA, kuryk()),
            "Valid cargo report of the ferry Şahdağ from Kuryk (KZKUR) to Alat with three consignments "
            "(CNI), five goods items (GID) and four containers (EQD) with six seals (SEL): one goods item "
            "split over two containers (two SGP), two goods items in one container, a consignor without a "
            "tax number, a dangerous goods item (DGS, UN 1263 paint), a notify party, an HS code where "
            "the others are national tariff codes, Russian and Azerbaijani text. Its UNA declares the comma "
            "as decimal mark (UNA:+,?*'), as CIS senders write numbers: a net mass of 10394,5 kg and a "
            "customs value of 25200,00 USD; in syntax version 4 the full stop is a decimal mark too, "
            "whatever UNA says (11340.50 USD). Each "
            "consignment carries the containers its goods items name (the first two, each once, for the "
            "first consignment), with their seals; the equipment list itself is the message's.",
        ),
        "rail-decimal-comma-una-v3": (
            render(UNOC_DECIMAL_COMMA, rail(UNOC_DECIMAL_COMMA, mark=","), newline=""),
            "Valid: the rail report in syntax version 3 (UNOC) with a UNA that declares the comma as "
            "decimal mark (UNA:+,? ', the space being syntax 3's reserved character): the consignment's "
            "mass 41,6 t and the goods item's customs value 18720,00 EUR are read as 41.6 and 18720.00. "
            "In version 3 only the mark that UNA declares is a decimal mark.",
        ),
        "error-decimal-comma-without-una": (
            render(UNOC, rail(mark=","), newline=""),
            "Error. The rail report in syntax version 3 without UNA, whose decimal mark is then the full "
            "stop, writes the consignment's mass as 41,6 t and the customs value as 18720,00 EUR, as a CIS "
            "system that forgot its UNA would: in that syntax 41,6 is not a number (a comma could as well "
            "be a thousands separator), so each is value.bad-number naming the segment and its position, "
            "and left out.",
        ),
        "error-segment-count": (
            changed(ferry_bytes, unt, f"UNT+{segments + 1}+1'".encode()),
            f"Error. The ferry report's UNT says {segments + 1} segments but the message has {segments} "
            "(UNH to UNT): edifact.malformed, naming the UNT segment and its position.",
        ),
        "error-missing-unh": (
            render(UNOC, rail(with_unh=False), newline=""),
            "Error. The rail interchange without its UNH segment: the message starts with BGM, so there is "
            "no message type to recognise and no message: edifact.malformed naming the segment where UNH "
            "was expected.",
        ),
        "error-bad-date": (
            render(UNOY, ferry(departure="202406312300")),
            "Error. The ferry's estimated departure (DTM+133) is 31 June 2024 (202406312300, format 203): "
            "value.bad-datetime at 42A/15A/X011, naming the DTM segment and its position.",
        ),
        "error-unknown-country-code": (
            render(UNOY, ferry(export="SU")),
            "Error. The first consignment's country of export (LOC+35) is SU, the code of the Soviet Union "
            "that an old code table still holds; it is not in ISO 3166-1: value.bad-code at "
            "42A/28A[1]/X013, naming the LOC segment and its position.",
        ),
        "error-unknown-party-qualifier": (
            render(UNOY, ferry(consignor="SH")),
            "Error. The first consignment's consignor is sent as NAD+SH (an ANSI X12 habit; UNTDID 3035 "
            "has no SH and the profile reads CZ): the consignor that a cargo report requires is missing, "
            "element.missing at 42A/28A[1]/30A.",
        ),
        "error-unknown-container": (
            changed(ferry_bytes, f"SGP+{CSNU}+320".encode(), f"SGP+{CSNU[:-1]}1+320".encode()),
            f"Error. The second consignment's goods item names container {CSNU[:-1]}1 in SGP, a wrong "
            f"check digit for {CSNU}, which the EQD list declares: no EQD declares the number it names "
            "(reference.unknown, naming the SGP and its position), and the EQD it meant is named by no "
            "goods item (reference.unused, a warning). The goods item keeps the number as written; the "
            "second consignment has no equipment.",
        ),
        "error-seal-on-unnamed-container": (
            render(
                UNOY,
                ferry(
                    extra=(
                        segment("EQD", "CN", UNNAMED, ["22G1", "102", "5"], "", "", "5"),
                        segment("SEL", "KZ0451290", "CU"),
                    )
                ),
            ),
            f"Error. The ferry report declares a third container, {UNNAMED}, full (EQD 8169 5) and sealed "
            "by customs (SEL KZ0451290), but no goods item names it in SGP: the seal is on a container "
            "that belongs to no consignment, so neither is in the harmonized message. A warning "
            "(reference.unused naming the EQD and its position), not an error: the report is otherwise "
            "whole, and an officer or the sender must say what the container holds.",
        ),
        "error-duplicate-container": (
            render(
                UNOY_DECIMAL_COMMA,
                kuryk(
                    extra=(
                        segment("EQD", "CN", KURYK_CONTAINERS[2], ["22G1", "102", "5"], "", "", "5"),
                        segment("SEL", "KZ1180049", "CA"),
                    )
                ),
            ),
            f"Error. The Kuryk report declares container {KURYK_CONTAINERS[2]} twice, the second time "
            "with another seal (KZ1180049): reference.duplicate naming the second EQD and its position. "
            "The first declaration is used, so the second consignment has the container once, with its "
            "first seal.",
        ),
        "error-truncated": (
            ferry_bytes[:cut],
            "Error. The ferry interchange stops in the middle of the first goods description (inside FTX, "
            "before UNT and UNZ): edifact.malformed, and no message.",
        ),
        "error-unoc-with-utf8": (
            render(
                Syntax("UNOC", "3", "utf-8", None),
                rail(carrier=["Azərbaycan Dəmir Yolları QSC"]),
                newline="",
            ),
            "Error. The rail interchange declares UNOC (ISO 8859-1) but its carrier is written "
            "Azərbaycan Dəmir Yolları in UTF-8: the bytes C9 99 (ə) and C4 B1 (ı) are not ISO 8859-1 text "
            "(0x99 is a C1 control), so decoding it as UNOC would give Az, É and a control character. The "
            "gateway refuses it with intake.encoding instead of producing mojibake.",
        ),
    }


README = f"""# az-cuscar golden cases

{STAND_IN.replace("Stand-in fixture", "Stand-in fixtures")} The usage profile is
[docs/formats/az-cuscar.md](../../../docs/formats/az-cuscar.md); EDIFACT has no comments, so each case
says what it is in its `case.md`.

Every `input.edi` is written by [`make_cases.py`](make_cases.py) (the escapes, segment counts and
encodings are exact because Python writes them). After a change there:

```
.venv/bin/python tests/golden/az-cuscar/make_cases.py
.venv/bin/python -m pytest tests/test_golden.py -k az-cuscar --regenerate-golden
```

and review the diff of `expected.xml` and `expected-issues.json`.
"""


def main() -> None:
    for name, (data, description) in cases().items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        (folder / "input.edi").write_bytes(data)
        (folder / "case.md").write_text(f"{description}\n\n{STAND_IN}\n", encoding="utf-8")
    (HERE / "README.md").write_text(README, encoding="utf-8")
    EXAMPLE.write_bytes((HERE / "ferry-aktau-alat-unoy" / "input.edi").read_bytes())


if __name__ == "__main__":
    main()
