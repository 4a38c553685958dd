"""Reading answers: markdown-aware sentences, stems, phrase matching, stuffing signals."""

from grader.freetext.text import compile_phrase, find_phrase, numbers_with_units, split_sentences


def _texts(markdown):
    return [sentence.text for sentence in split_sentences(markdown)]


def test_prose_splits_on_sentence_ends_but_not_on_abbreviations_or_decimals():
    texts = _texts("Workers pull weights, e.g. from the PS. Then they push 1.5 MB of gradients! Done?")
    assert texts == ["Workers pull weights, e.g. from the PS.", "Then they push 1.5 MB of gradients!", "Done?"]


def test_headings_bullets_and_numbered_items_are_sentences_of_their_own():
    markdown = (
        "# Design\n\nIntro line one\ncontinues here.\n\n- **First** bullet\n  wraps on.\n* Second\n1. Third item\n"
    )
    sentences = split_sentences(markdown)
    assert [(s.kind, s.text) for s in sentences] == [
        ("heading", "Design"),
        ("prose", "Intro line one continues here."),
        ("bullet", "First bullet wraps on."),
        ("bullet", "Second"),
        ("bullet", "Third item"),
    ]


def test_code_fences_are_not_sentences_and_inline_markdown_is_cleaned():
    markdown = "Use a [queue](http://x) with `put`.\n```python\nq.put(x)  # parameter server\n```\nDone _now_."
    assert _texts(markdown) == ["Use a queue with put.", "Done now."]


def test_table_rows_are_sentences_and_separators_are_skipped():
    assert _texts("| part | role |\n|---|---|\n| PS | holds weights |") == ["part: role", "PS: holds weights"]


def test_a_bare_comma_list_is_not_a_real_sentence_but_an_enumerating_sentence_is():
    bare, prose, fragment = split_sentences(
        "Sharding, replication, caching, batching, quantization, pruning.\n\n"
        "We use quantization, pruning, distillation and caching to cut the serving cost.\n\n"
        "Parameter servers"
    )
    assert bare.is_list and not bare.real
    assert prose.real
    assert not fragment.real


def test_inflection_articles_and_plurals_fold_when_matching_a_phrase():
    sentence = split_sentences("The servers are aggregating the gradients from all workers.")[0]
    assert find_phrase(compile_phrase("aggregate gradients"), sentence)
    assert find_phrase(compile_phrase("server"), sentence)
    assert find_phrase(compile_phrase("Worker"), sentence)
    assert not find_phrase(compile_phrase("gradients aggregate"), sentence)  # order matters


def test_phrase_words_may_be_a_couple_of_words_apart_but_not_far():
    near = split_sentences("We aggregate all the gradients here.")[0]
    far = split_sentences("We aggregate the results, and much later we compute gradients.")[0]
    phrase = compile_phrase("aggregate gradients")
    assert find_phrase(phrase, near)
    assert not find_phrase(phrase, far)


def test_hyphenated_and_joined_spellings_match_each_other_and_british_spelling_folds():
    phrase = compile_phrase("all-reduce")
    assert find_phrase(phrase, split_sentences("Workers use ring allreduce for sync.")[0])
    assert find_phrase(phrase, split_sentences("Workers use an all reduce step.")[0])
    assert find_phrase(compile_phrase("utilization"), split_sentences("GPU utilisation was low here.")[0])


def test_numbers_with_units_are_found():
    found = numbers_with_units("p99 stays under 50 ms at 10k QPS, costs $3,000 a month and 2x fewer GPUs; 30% less.")
    assert "50 ms" in found and "10k" in found and "30%" in found and any("$3,000" in f for f in found)
    assert numbers_with_units("We had three teams and one plan.") == []
