"""Article-level state: fed paragraph docs in order, snapshots an Analysis."""

from __future__ import annotations

from ..model import Analysis, Article, Entity, Span

_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
          "CARDINAL": "figure", "PERCENT": "figure", "MONEY": "figure", "QUANTITY": "figure",
          "DATE": "date", "TIME": "date"}


class ArticleState:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.by_key: dict[tuple[str, str], Entity] = {}

    def add_paragraph(self, doc, offset: int) -> None:
        for ent in doc.ents:
            typ = _TYPES.get(ent.label_)
            if not typ:
                continue
            key = (typ, ent.text)
            e = self.by_key.get(key)
            if e is None:
                e = self.by_key[key] = Entity(id=f"e{len(self.by_key) + 1}", type=typ, name=ent.text)
            e.mentions.append(Span(offset + ent.start_char, offset + ent.end_char, ent.text))

    def snapshot(self, upto: int, complete: bool, model: str | None) -> Analysis:
        return Analysis(entities=list(self.by_key.values()), quotes=[], analysed_upto=upto,
                        complete=complete, model=model)
