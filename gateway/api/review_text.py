"""The review pages' own words in the officers' languages: English, Russian and simplified Chinese.

One entry per message id with its three texts (en, ru, zh-Hans), in customs register, worded so that
no plural form is needed ("Guessed names: 3"); `{name}` fields are filled with `str.format`, a field a
language does not use is ignored. Data stays as it is: names, codes, pointers, the model's element
names and descriptions, roles, dates (ISO, UTC). The language is the officer's choice (the switch on
every page, kept in a cookie), else the best match of the browser's Accept-Language, else English
(docs/review.md, "Languages"). No FastAPI here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gateway.service.errors import Forbidden, NotFound

LANGUAGES = ("en", "ru", "zh-Hans")
"""The pages' languages (BCP 47 tags, as `<html lang>` says them); the first is the default."""
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "zh-Hans": "简体中文"}
"""Each language by its own name, as the switch shows it on every page."""
COOKIE = "gateway_review_language"


@dataclass(frozen=True, slots=True)
class Said:
    """A message to show in the officer's language: its id and the values of its fields."""

    message_id: str
    params: dict[str, Any] = field(default_factory=dict)


class Missing(NotFound):
    """Nothing at a review page's address (404), with what to tell the officer in their language."""

    def __init__(self, said: Said) -> None:
        super().__init__(NotFound.because(say("en", said)).issues)
        self.said = said


class Refused(Forbidden):
    """A review page's form refused (403), with what to tell the officer in their language."""

    def __init__(self, said: Said) -> None:
        super().__init__(Forbidden.because(say("en", said)).issues)
        self.said = said


def say(language: str, message: str | Said, **params: Any) -> str:
    """The text of `message` (an id, or a `Said`) in `language`, its fields filled (a field's value that
    is a `Said` in `language` too)."""
    if isinstance(message, Said):
        params = {**message.params, **params}
        message = message.message_id
    params = {name: say(language, v) if isinstance(v, Said) else v for name, v in params.items()}
    texts = TEXTS[message]
    text = texts[LANGUAGES.index(language)] if language in LANGUAGES else texts[0]
    return text.format(**params) if params else text


def language_of(tag: str) -> str | None:
    """The pages' language that serves a BCP 47 tag: `ru-KZ` is ru; `zh`, `zh-CN`, `zh-Hans-CN` (and any
    other Chinese, traditional included: simplified is the nearest the pages have) are zh-Hans."""
    primary = tag.strip().lower().split("-")[0].split("_")[0]
    return {"en": "en", "ru": "ru", "zh": "zh-Hans"}.get(primary)


def chosen_language(accept_language: str | None, chosen: str | None = None) -> str:
    """The officer's `chosen` language when it is one of the pages', else the best match of the
    Accept-Language header (highest quality first, the header's order between equals), else English."""
    if chosen in LANGUAGES:
        return chosen
    ranked: list[tuple[float, int, str]] = []
    for place, item in enumerate((accept_language or "")[:1000].split(",")):
        tag, _, rest = item.partition(";")
        quality = 1.0
        for parameter in rest.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        found = language_of(tag)
        if found is not None and quality > 0:
            ranked.append((-quality, place, found))
    return min(ranked)[2] if ranked else LANGUAGES[0]


def form_in(language: str, forms: Any) -> Any | None:
    """The Form (of a Resolution) in the officer's `language`: ru for ru; zh-Hans, zh-CN or zh written in
    Han simplified for zh-Hans (a traditional form only when there is no other). None for English, whose
    form the page already shows, and when the entry has none."""
    if language == "en":
        return None
    best: tuple[int, Any] | None = None
    for form in forms:
        tag = form.attributes.get("languageID", "")
        if language_of(tag) != language:
            continue
        rank = 1 if "hant" in tag.lower() or form.attributes.get("scriptCode") == "Hant" else 0
        if best is None or rank < best[0]:
            best = (rank, form)
    return best[1] if best is not None else None


TEXTS: dict[str, tuple[str, str, str]] = {
    # every page
    "site.name": ("CAREC customs gateway", "Таможенный шлюз ЦАРЭС", "中亚区域经济合作海关网关"),
    "site.review": ("Review", "Проверка", "审核"),
    "site.brand": ("CAREC gateway · review", "Шлюз ЦАРЭС · проверка", "中亚区域经济合作网关 · 审核"),
    "site.who": (
        "{organisation} ({country}, {role} key {key_id})",
        "{organisation} ({country}, ключ роли {role} {key_id})",
        "{organisation}（{country}，{role} 角色密钥 {key_id}）",
    ),
    "site.sign-out": ("Sign out", "Выйти", "退出登录"),
    "site.language": ("Language:", "Язык:", "语言："),
    # sign-in
    "sign-in.title": ("Sign in", "Вход", "登录"),
    "sign-in.button": ("Sign in", "Войти", "登录"),
    "sign-in.intro": (
        "Paste your agency's API key. A country's partner agency or national customs system signs in and "
        "reads that country's inbox; the key is checked and never kept in the browser.",
        "Вставьте API-ключ вашего ведомства. Входить и просматривать входящие своей страны могут "
        "партнёрское ведомство страны и её национальная таможенная информационная система; ключ "
        "проверяется и в браузере не сохраняется.",
        "请粘贴贵机构的 API 密钥。一国的合作机构或国家海关信息系统可登录并查看该国的收件箱；"
        "密钥经核验后不会保存在浏览器中。",
    ),
    "sign-in.key": ("API key", "API-ключ", "API 密钥"),
    "sign-in.ended": (
        "Your session has ended: it expired, was signed out, its key was revoked, or the key signed in at"
        " more desks than the gateway keeps sessions for. Sign in again.",
        "Ваш сеанс завершён: истёк срок, выполнен выход, ключ отозван, или с этим ключом вошли на большем"
        " числе рабочих мест, чем шлюз хранит сеансов. Войдите снова.",
        "您的会话已结束：已过期、已退出、密钥已被吊销，或同一密钥登录的工位数超过了网关保留的会话数。请重新登录。",
    ),
    "sign-in.out-of-date": (
        "The sign-in form was out of date or not this gateway's: sign in again.",
        "Форма входа устарела или получена не от этого шлюза: войдите снова.",
        "登录表单已过期或并非来自本网关：请重新登录。",
    ),
    "sign-in.unknown-key": (
        "This key is unknown, revoked or expired.",
        "Этот ключ неизвестен, отозван или просрочен.",
        "此密钥未知、已吊销或已过期。",
    ),
    "sign-in.wrong-role": (
        "{article} {role} key does not sign in here: only a country's partner agency or national customs "
        "system reads its inbox.",
        "Ключ роли «{role}» не даёт права входа: входящие страны просматривают только её партнёрское "
        "ведомство и национальная таможенная система.",
        "{role} 角色的密钥不能在此登录：只有一国的合作机构或国家海关系统可查看该国的收件箱。",
    ),
    # errors
    "error.back": ("Back to the inbox", "Вернуться во входящие", "返回收件箱"),
    "error.not-found": ("Not found", "Не найдено", "未找到"),
    "error.not-found.detail": (
        "There is no such delivery in your country's inbox, or no such page.",
        "Такой доставки во входящих вашей страны нет, или такой страницы не существует.",
        "贵国收件箱中没有该投递，或该页面不存在。",
    ),
    "error.no-page": (
        "There is no page {path}.",
        "Страницы {path} не существует.",
        "页面 {path} 不存在。",
    ),
    "error.no-delivery": (
        "No delivery {quoted} in this inbox.",
        "Доставки {quoted} в этих входящих нет.",
        "此收件箱中没有投递 {quoted}。",
    ),
    "error.notice-no-names": (
        "Delivery {delivery} is a notice: it has no names to correct.",
        "Доставка {delivery} является уведомлением: в ней нет наименований для исправления.",
        "投递 {delivery} 是一份通知：其中没有可更正的名称。",
    ),
    "error.no-name": (
        "Delivery {delivery} has no resolved name at {quoted}.",
        "В доставке {delivery} нет распознанного наименования в элементе {quoted}.",
        "投递 {delivery} 在 {quoted} 处没有已解析的名称。",
    ),
    "error.forbidden": ("Not allowed", "Действие не разрешено", "不允许此操作"),
    "error.forbidden.detail": (
        "This key may not do this.",
        "Этому ключу данное действие не разрешено.",
        "此密钥无权执行此操作。",
    ),
    "error.csrf": (
        "The form is out of date or did not come from this page: reload it.",
        "Форма устарела или отправлена не с этой страницы: обновите страницу.",
        "表单已过期或并非来自本页面：请重新加载页面。",
    ),
    "error.failed": ("Something went wrong", "Произошла ошибка", "出现错误"),
    "error.failed.detail": (
        "The page could not be made (logged).",
        "Страницу не удалось сформировать (ошибка записана в журнал).",
        "无法生成该页面（已记录日志）。",
    ),
    # the inbox
    "inbox.title": ("Inbox {country}", "Входящие {country}", "{country} 收件箱"),
    "inbox.heading": ("Inbox of {country}", "Входящие: {country}", "{country} 收件箱"),
    "inbox.acknowledged": (
        "Delivery {delivery} acknowledged: it has left the inbox.",
        "Получение доставки {delivery} подтверждено: она удалена из входящих.",
        "投递 {delivery} 已确认接收，已移出收件箱。",
    ),
    "inbox.intro": (
        "Messages not yet acknowledged, oldest first (the order they arrived in).",
        "Сообщения, получение которых ещё не подтверждено, от ранних к поздним (в порядке поступления).",
        "尚未确认接收的报文，按到达顺序排列，最早的在前。",
    ),
    "inbox.empty": ("The inbox is empty.", "Входящих сообщений нет.", "收件箱为空。"),
    "inbox.delivery": ("Delivery", "Доставка", "投递编号"),
    "inbox.sender": ("Sender", "Отправитель", "发送方"),
    "inbox.document": ("Document", "Документ", "单证"),
    "inbox.reference": ("Reference", "Ссылочный номер", "参考号"),
    "inbox.received": ("Received", "Получено", "接收时间"),
    "inbox.expires": ("Expires", "Срок хранения истекает", "过期时间"),
    "inbox.guesses": ("Guessed names", "Предположительные наименования", "推测名称"),
    "inbox.warnings": ("Warnings", "Предупреждения", "警告"),
    "inbox.gateway": ("gateway", "шлюз", "网关"),
    "inbox.notice": ("Non-delivery notice", "Уведомление о недоставке", "未送达通知"),
    "inbox.notice.said": (
        "your message to {recipient} ended {state}: {reason}",
        "ваше сообщение для {recipient} завершено в состоянии {state}: {reason}",
        "您发往 {recipient} 的报文最终状态为 {state}：{reason}",
    ),
    "inbox.later": ("Later deliveries", "Более поздние доставки", "较晚的投递"),
    # one message
    "message.title": ("Delivery {delivery}", "Доставка {delivery}", "投递 {delivery}"),
    "message.inbox": ("Inbox", "Входящие", "收件箱"),
    "message.notice.heading": (
        "Non-delivery notice (delivery {delivery})",
        "Уведомление о недоставке (доставка {delivery})",
        "未送达通知（投递 {delivery}）",
    ),
    "message.notice.said": (
        "A message of your country could not be delivered.",
        "Сообщение вашей страны не удалось доставить.",
        "贵国的一份报文未能送达。",
    ),
    "message.heading": (
        "{kind} from {country} (delivery {delivery})",
        "{kind} от {country} (доставка {delivery})",
        "来自 {country} 的 {kind}（投递 {delivery}）",
    ),
    "message.proposed.new": (
        "Your correction is kept for the terminologists. The delivered message is unchanged.",
        "Ваше исправление сохранено для терминологов. Доставленное сообщение не изменено.",
        "您的更正已保存，供术语专家审核。已送达的报文未作更改。",
    ),
    "message.proposed.again": (
        "You had proposed this correction already: it is kept once.",
        "Вы уже предлагали это исправление: оно сохранено один раз.",
        "您已提出过此更正：仅保存一次。",
    ),
    "message.proposed.refused": (
        "Your correction was not kept: {problem} (see the name's form below).",
        "Ваше исправление не сохранено: {problem} (см. форму у наименования ниже).",
        "您的更正未保存：{problem}（见下方该名称旁的表单）。",
    ),
    "message.message": ("Message", "Сообщение", "报文"),
    "message.guesses": ("Names guessed", "Предположительные наименования", "推测名称"),
    "message.guesses.count": (
        "Guessed names: {count}, check them",
        "Предположительных наименований: {count}, проверьте их",
        "推测名称：{count} 个，请核对",
    ),
    "message.guesses.none": ("none", "нет", "无"),
    "message.raw": (
        "The harmonized XML as delivered",
        "Гармонизированный XML в доставленном виде",
        "已送达的协调 XML 报文",
    ),
    "message.warning.at": ("at", "в элементе", "位置"),
    "message.warnings.elsewhere": (
        "Warnings about other pages of the message: {count}",
        "Предупреждений о других страницах сообщения: {count}",
        "关于本报文其他页面的警告：{count} 条",
    ),
    "page.pages": ("Pages of the message", "Страницы сообщения", "报文分页"),
    "page.of": ("Page {number} of {count}", "Страница {number} из {count}", "第 {number} 页，共 {count} 页"),
    "page.goods": (
        ", goods items {first}–{last} of {items}",  # after "page.of", in one phrase: its comma too
        ", товарные позиции {first}–{last} из {items}",
        "，货物项 {first}–{last}，共 {items} 项",
    ),
    "page.previous": ("Previous page", "Предыдущая страница", "上一页"),
    "page.next": ("Next page", "Следующая страница", "下一页"),
    "page.first-only": (
        "The declaration's own parties, means of transport and offices are on page 1.",
        "Участники, транспортное средство и таможенные органы самой декларации указаны на странице 1.",
        "申报本身的当事方、运输工具和海关机构见第 1 页。",
    ),
    "page.elsewhere": (
        "{label}: {count}, listed on page {page}, where this consignment starts.",
        "{label}: {count}, перечислены на странице {page}, где начинается эта партия.",
        "{label}：{count} 个，列于本批货物开始的第 {page} 页。",
    ),
    "message.acknowledged": ("Acknowledged.", "Получение подтверждено.", "已确认接收。"),
    "message.acknowledged.at": (
        "Acknowledged {when}.",
        "Получение подтверждено {when}.",
        "已于 {when} 确认接收。",
    ),
    "message.acknowledge": (
        "Acknowledge: reviewed, remove from the inbox",
        "Подтвердить получение: проверено, удалить из входящих",
        "确认接收：已审核，移出收件箱",
    ),
    # a name's resolution
    "resolution.guess": (
        "guess · {method} · score {score}",
        "предположение · {method} · оценка {score}",
        "推测 · {method} · 得分 {score}",
    ),
    "resolution.exact": ("{method} · score {score}", "{method} · оценка {score}", "{method} · 得分 {score}"),
    "resolution.own-form": ("In English", "По-русски", "中文名称"),
    "resolution.language": ("Language, script", "Язык, письменность", "语言、文字"),
    "resolution.latin": ("Latin", "Латиница", "拉丁字母转写"),
    "resolution.english": ("English", "По-английски", "英文名称"),
    "resolution.code": ("Code", "Код", "代码"),
    "resolution.legal-form": ("Legal form", "Организационно-правовая форма", "企业法律形式"),
    "resolution.source": ("From", "Источник", "来源"),
    "resolution.filled": ("Filled", "Заполненный элемент", "填入元素"),
    "resolution.notes": ("Notes", "Примечания", "备注"),
    "resolution.forms": ("Other languages", "Другие языки", "其他语言"),
    "resolution.terms": ("Terms found", "Найденные термины", "找到的术语"),
    "resolution.candidates": (
        "Candidates (not substituted)",
        "Кандидаты (не подставлены)",
        "候选项（未替换）",
    ),
    "resolution.name": ("Name", "Наименование", "名称"),
    "resolution.score": ("Score", "Оценка", "得分"),
    # proposing a correction
    "correction.proposed": (
        "Proposed by your country ({when}): {what}",
        "Предложено вашей страной ({when}): {what}",
        "贵国提出（{when}）：{what}",
    ),
    "correction.open": (
        "Wrong? Propose the right English form or code",
        "Ошибка? Предложите правильную английскую форму или код",
        "有误？请提出正确的英文名称或代码",
    ),
    "correction.english": ("English", "Английская форма", "英文名称"),
    "correction.code": ("Code", "Код", "代码"),
    "correction.comment": ("Comment", "Комментарий", "说明"),
    "correction.send": ("Propose to the terminologists", "Предложить терминологам", "提交给术语专家"),
    "correction.unchanged": (
        "The delivered message stays as it is: your proposal goes to the terminologists who keep the "
        "glossary.",
        "Доставленное сообщение остаётся без изменений: ваше предложение получат терминологи, ведущие "
        "глоссарий.",
        "已送达的报文保持不变：您的建议将转交维护术语表的术语专家。",
    ),
    "correction.empty": (
        "Propose the right English form, the right code, or both.",
        "Предложите правильную английскую форму, правильный код или и то и другое.",
        "请提出正确的英文名称、正确的代码，或两者都提出。",
    ),
    "correction.control-character": (
        "A proposal holds plain text only: no control characters (an escape, a line break, a tab).",
        "Предложение содержит только обычный текст: без управляющих символов (escape, перевод строки, "
        "табуляция).",
        "提议只能包含纯文本：不得含有控制字符（转义符、换行符、制表符）。",
    ),
    "correction.english-too-long": (
        "The English form is longer than {most} characters.",
        "Английская форма превышает допустимую длину ({most} символов).",
        "英文名称超过 {most} 个字符。",
    ),
    "correction.code-too-long": (
        "The code is longer than {most} characters.",
        "Код превышает допустимую длину ({most} символов).",
        "代码超过 {most} 个字符。",
    ),
    "correction.comment-too-long": (
        "The comment is longer than {most} characters.",
        "Комментарий превышает допустимую длину ({most} символов).",
        "说明超过 {most} 个字符。",
    ),
    "correction.hs-shape": (
        "Bad HS code {quoted}: expected 4, 6, 8 or 10 digits.",
        "Неверный код ГС {quoted}: нужен код из 4, 6, 8 или 10 цифр.",
        "HS 编码 {quoted} 有误：应为 4、6、8 或 10 位数字。",
    ),
    "correction.hs-unknown": (
        "Bad HS code {quoted}: {heading} is not an HS 2022 {level}.",
        "Неверный код ГС {quoted}: {heading} нет в Гармонизированной системе редакции 2022 года.",
        "HS 编码 {quoted} 有误：{heading} 不是 2022 版协调制度中的品目或子目。",
    ),
    "correction.no-code": (
        "A {kind} name takes no code: propose its English form only.",
        "Для наименования вида «{kind}» код не указывается: предложите только английскую форму.",
        "“{kind}”类名称没有代码：请仅提出英文名称。",
    ),
    "correction.not-in-list": (
        "{code} is not in the {list} code list of {kind} names.",
        "Кода {code} нет в перечне {list} для наименований вида «{kind}».",
        "{code} 不在“{kind}”类名称的 {list} 代码表中。",
    ),
    "kind.place": ("place", "место", "地点"),
    "kind.office": ("office", "таможенный орган", "海关机构"),
    "kind.country": ("country", "страна", "国家"),
    "kind.package": ("package", "вид упаковки", "包装种类"),
    "kind.goods": ("goods", "товар", "货物"),
    "kind.party": ("party", "участник", "当事方"),
    "correction.too-many": (
        "Your country has proposed {count} corrections for this message: no more are kept.",
        "Ваша страна уже предложила к этому сообщению исправления в предельном количестве ({count}): "
        "новые не сохраняются.",
        "贵国针对此报文提出的更正已达 {count} 条：不再保存新的更正。",
    ),
    "correction.name-too-long": (
        "This name is longer than {most} characters: tell the terminologists in another way.",
        "Наименование превышает допустимую длину ({most} символов): сообщите терминологам иным способом.",
        "此名称超过 {most} 个字符：请通过其他方式告知术语专家。",
    ),
}
