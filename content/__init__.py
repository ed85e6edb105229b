"""The guide's content as typed data: models of data/*.yml, their loaders and the letter-body parser.

Pure Python (pydantic + PyYAML), no MkDocs imports, so every loader can be called and tested directly::

    from content import load_site
    site = load_site(Path("data"), Path("docs"))
    site.contacts["ozon-chat"].href

Any problem raises :class:`DataError` with a message naming the file, the entry and the field.
"""

from .errors import DataError
from .loader import Site, load_calculations, load_letters, load_payment, load_replies, load_site
from .models import Contact, Fact, Item, Letter, LetterField, Option, PayMethod, Reply, Result, Source, Step

__all__ = [
    "Contact", "DataError", "Fact", "Item", "Letter", "LetterField", "Option", "PayMethod", "Reply", "Result", "Site",
    "Source", "Step", "load_calculations", "load_letters", "load_payment", "load_replies", "load_site",
]
