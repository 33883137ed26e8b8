"""Clean: raw documents become ``Article`` records with normalised text and repeated paragraphs removed."""

from newsevents.clean.dedup import keep_mask, remove_repeated
from newsevents.clean.document import clean_document, parse_pub_date
from newsevents.clean.normalize import fix_mojibake, normalize_text, split_paragraphs

__all__ = ["clean_document", "fix_mojibake", "keep_mask", "normalize_text", "parse_pub_date", "remove_repeated",
           "split_paragraphs"]
