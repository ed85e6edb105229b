"""hooks/typography.py: numbers and phone numbers that must not break across lines on a phone."""

from __future__ import annotations

from support import load_hook

typography = load_hook("typography")
NB = "\u00a0"


def test_grouped_numbers_percent_and_roubles_stay_together():
    assert typography.keep_together("до 1 000 000 ₽, 0,5 % в день") == f"до 1{NB}000{NB}000{NB}₽, 0,5{NB}% в день"


def test_other_numbers_and_words_keep_their_spaces():
    for text in ("ст. 23 ч. 1 п. 5", "28 ноября 2026", "в 2025 году 10 дней", "ИНН 7704217370", "заказ 12345678-0001"):
        assert typography.keep_together(text) == text


def test_a_phone_number_is_kept_on_one_line_and_stays_dialable():
    assert typography.keep_together("ЕКЦ: 8-800-555-49-43.") == 'ЕКЦ: <span class="oz-nowrap">8-800-555-49-43</span>.'
    assert typography.keep_together("+7 499 300-30-00") == f'<span class="oz-nowrap">+7{NB}499{NB}300-30-00</span>'


def test_only_text_between_tags_changes_not_attributes_scripts_or_styles():
    html = ('<a href="tel:+78003003000" data-x="1 000">8 800 300-30-00</a><p>100 000 ₽</p>'
            '<script>if (a < 1 000) x = "2 000 ₽";</script><style>.a{width:1 000px}</style>')
    assert typography.on_post_page(html, None, None) == (
        f'<a href="tel:+78003003000" data-x="1 000"><span class="oz-nowrap">8{NB}800{NB}300-30-00</span></a>'
        f'<p>100{NB}000{NB}₽</p><script>if (a < 1 000) x = "2 000 ₽";</script><style>.a{{width:1 000px}}</style>')
