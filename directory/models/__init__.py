"""The directory's models, one module per kind of thing, re-exported here for Django and callers.

- `choices`: the fixed lists (kind, legal form, project stage, wheelchair access, point source);
- `taxonomies`: the lists editors extend (sectors, support services, audiences, labels);
- `fields`: model fields with French behaviour;
- `organisation`: `Organisation` and its queryset;
- `search_text`: the folded text column the finder sorts by, and `name_words` / `search_words`, its
  words between spaces, that it searches;
- `pages`: `DirectoryPage` (/annuaire/), which routes to organisations;
- `corrections`: visitors' correction requests;
- `contributions`: organisations' update links and proposed changes;
- `services`: service sheets (how an organisation offers a support service);
- `synonyms`: the groups of equivalent search terms editors maintain;
- `glossary`: acronyms and spellings (glossary, `<abbr>`, names' display), filière rules.
"""

from geography import ARRONDISSEMENT_CHOICES

from .choices import IntendedStatus, Kind, LegalForm, LocationSource, ProjectStage, Wheelchair
from .contributions import (
    UPDATABLE_FIELDS,
    ChangeStatus,
    LinkReason,
    ProposalStatus,
    ProposedChange,
    ProposerRelation,
    StructureProposal,
    UpdateLink,
)
from .corrections import CorrectionRequest, CorrectionStatus
from .fields import MultipleChoiceListField, WebAddressField
from .glossary import Acronym, ClassificationRule, RuleCriterion, compact_naf
from .organisation import CITY_CONTACT_SOURCE, DEMO_SAMPLE_SOURCE, Organisation, OrganisationQuerySet
from .pages import DirectoryPage
from .services import Area, Cost, Mobilisation, Reception, ServiceSheet, sync_sheets_with_services
from .synonyms import SynonymGroup
from .taxonomies import Audience, Label, Sector, SupportService, Term

__all__ = [
    "Acronym",
    "ClassificationRule",
    "RuleCriterion",
    "compact_naf",
    "ARRONDISSEMENT_CHOICES",
    "Area",
    "Cost",
    "Mobilisation",
    "Reception",
    "ServiceSheet",
    "sync_sheets_with_services",
    "CITY_CONTACT_SOURCE",
    "DEMO_SAMPLE_SOURCE",
    "UPDATABLE_FIELDS",
    "Audience",
    "ChangeStatus",
    "LinkReason",
    "ProposalStatus",
    "ProposedChange",
    "ProposerRelation",
    "StructureProposal",
    "UpdateLink",
    "CorrectionRequest",
    "CorrectionStatus",
    "DirectoryPage",
    "IntendedStatus",
    "Kind",
    "Label",
    "LegalForm",
    "LocationSource",
    "MultipleChoiceListField",
    "Organisation",
    "OrganisationQuerySet",
    "ProjectStage",
    "Sector",
    "SupportService",
    "SynonymGroup",
    "Term",
    "WebAddressField",
    "Wheelchair",
]
