-- The secret behind the pseudonyms a viewer sees instead of contact details (see
-- Sources/TramaService/Disclosure.swift): two different addresses must stay two different
-- masked nodes — masking both as one would draw a shared address that is not there — yet the
-- pseudonym must not be reversible by hashing every phone number. One random value per store,
-- so every server behind a proxy masks alike. (0007 and 0008 belong to other changes.)
CREATE TABLE disclosure_salt (
    id    boolean PRIMARY KEY DEFAULT true CHECK (id),
    salt  text NOT NULL
);
INSERT INTO disclosure_salt (salt) VALUES (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
