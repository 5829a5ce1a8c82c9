// The vocabulary every importer writes (EntityKind, RelationKind) lives in TramaModel so that
// analyses can name kinds without depending on the store; importers' users see it through here.
@_exported public import TramaModel
