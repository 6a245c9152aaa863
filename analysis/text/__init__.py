"""Text: normalisation, segmentation and word counts.

Normalisation folds the forms of characters that PDF and web pages emit, segmentation is jieba with the
project's lexicon (one tokenizer per lexicon, tags for exactly the tokens counted), stopword lists filter
what is counted, and counts turns segmentations into per-speech overview figures and term tables."""
