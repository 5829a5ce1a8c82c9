-- How much of each kind of data the GRAS indicators need is loaded: one row, one count per
-- requirement (`DataRequirement`), in its declaration order. Counts stop mattering above 0, so
-- each is capped by a LIMIT to keep the read cheap on a national register.
WITH k AS (SELECT domain, name, code FROM kinds),
     n AS (SELECT name, code FROM k WHERE domain = 'node'),
     e AS (SELECT name, code FROM k WHERE domain = 'edge')
SELECT
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'contract') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'bid') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'bid') AND properties ? 'BidValue' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'contract') AND properties ? 'ContractValue' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'tender') AND properties ? 'ProcurementMethod' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'tender') AND properties ? 'PublicationDate' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'tender') AND properties ? 'BidDeadline' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'procures') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'agency') AND properties ? 'AgencyLocation' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'contract') AND properties ? 'ContractAmendValue' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'contract') AND properties ? 'DeliveryDate' AND properties ? 'ImplementationDate' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'tender') AND properties ? 'EstimatedPrice' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'tender') AND properties ? 'ProductCode' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code IN (SELECT code FROM e WHERE name IN ('registered_at', 'has_phone', 'has_email', 'has_website')) LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'owns') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'member_of_group') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'employed_by') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'firm') AND properties ? 'Turnover' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'firm') AND properties ? 'Profit' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'firm') AND properties ? 'FirmConstitutionDate' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'firm') AND properties ? 'FirmCountry' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'owns') AND properties ? 'ShareholderCountry' LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'sanctioned_by') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'donated_to') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'candidate') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'stood_as') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code IN (SELECT code FROM e WHERE name IN ('employed_by', 'declared_post'))
       AND target_id IN (SELECT id FROM nodes WHERE kind_code = (SELECT code FROM n WHERE name = 'agency')) LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'received_benefit') LIMIT 1000) x),
  (SELECT count(*) FROM (SELECT 1 FROM edges WHERE kind_code = (SELECT code FROM e WHERE name = 'convicted_of') LIMIT 1000) x)
