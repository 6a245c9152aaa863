"""The one-pass translation table folds exactly the characters the per-character rule folds."""
import sys

from analysis.text.normalize import _FOLD_TABLE, _fold


def test_table_equals_the_per_character_rule_on_every_code_point():
    differing = [cp for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF
                 and _fold(chr(cp)) != chr(cp).translate(_FOLD_TABLE)]
    assert differing == []
