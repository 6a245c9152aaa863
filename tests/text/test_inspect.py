"""The segmentation view's helpers: passages, joined tokens and split choices, on a built-in speech."""
from analysis.ingest.corpus import load_default_corpus
from analysis.text.inspect import find_passage, joined, passage_tokens, split_choices
from analysis.text.lexicon import load_lexicon
from analysis.text.segment import segment


def test_split_choices_give_every_cut_of_a_word():
    assert split_choices("全面部署") == ["全/面部署", "全面/部署", "全面部/署"]
    assert split_choices("改革") == ["改/革"]
    assert split_choices("改") == [] and split_choices("") == [] and split_choices("全面/部署") == []


def test_the_passage_of_a_query_and_the_word_its_tokens_join_into():
    speech = load_default_corpus()[1]
    lexicon = load_lexicon()
    start, end = find_passage(speech.text, "全面部署")
    assert start <= speech.text.find("全面部署") < end
    tokens = passage_tokens(segment(speech.text, lexicon=lexicon), start, end, lexicon.terms)
    assert "".join(t.text for t in tokens) == speech.text[tokens[0].start:tokens[-1].end]
    first = next(t.index for t in tokens if t.text == "全面" and speech.text[t.end:t.end + 2] == "部署")
    assert joined(tokens, [first, first + 1]) == "全面部署"
    assert joined(tokens, [first]) == "" and joined(tokens, [first, first + 2]) == ""
