/// The kinds of entity Trama's importers create. Every importer maps its source onto these, so
/// every analysis runs on every source unchanged.
public enum EntityKind: String, Sendable, CaseIterable, Codable {
    case agency, firm, person, judge, lawyer
    /// The firm, office or agency a lawyer practises at (a docket's contact block).
    case lawFirm = "law_firm"
    case tender, contract
    case candidate, party
    case sanctioningBody = "sanctioning_body"
    /// A social-benefit programme (cash transfers, household classification), GRAS 3.7.
    case benefitProgramme = "benefit_programme"
    /// The offence a criminal record names, GRAS 3.8.
    case offence
    case court
    case `case`
    case address, phone, email, website
    case economicGroup = "economic_group"
    /// Several firms bidding or contracted together (an OCDS bid with several tenderers).
    case consortium
    /// A thing owned: a vessel, real estate, a bank account, a security (FollowTheMoney assets).
    case asset
    /// A source record kept whole: a document, note, event or position (FollowTheMoney).
    case record
    /// A school or university a person studied at (the FJC directory's education).
    case school

    /// Kinds that are people. A person's node takes the most specific role the data gives it
    /// (a judge, else a lawyer, else a person), and `person:ID` finds any of them.
    public static let people: [EntityKind] = [.person, .judge, .lawyer]
}

/// The kinds of relationship, each read *source → target* as the doc comment says.
public enum RelationKind: String, Sendable, CaseIterable, Codable {
    /// shareholder (person or firm) → firm; `share` in percent.
    case owns
    /// person or firm → firm it controls otherwise than by shares (voting rights, influence;
    /// BODS interests); `interest` names the kind.
    case controls
    /// person → firm whose board or senior management it sits on (BODS, FollowTheMoney Directorship).
    case directorOf = "director_of"
    /// member → organisation it belongs to (FollowTheMoney Membership).
    case memberOf = "member_of"
    /// person → close associate (FollowTheMoney Associate).
    case associateOf = "associate_of"
    /// agent → client (FollowTheMoney Representation).
    case represents
    /// payer → beneficiary; `value` (FollowTheMoney Payment, e.g. a party donation).
    case paid
    /// debtor → creditor (FollowTheMoney Debt).
    case owes
    /// predecessor → successor (FollowTheMoney Succession).
    case succeededBy = "succeeded_by"
    /// any → any, a reference the source makes without saying more (FollowTheMoney UnknownLink,
    /// or a property naming another entity); `property` names it.
    case linkedTo = "linked_to"
    /// entity → entity that may be the same (a candidate of `trama resolve scan`); `score`,
    /// `reason`. Never a merge by itself.
    case possiblySameAs = "possibly_same_as"
    /// person → employer (firm or agency).
    case employedBy = "employed_by"
    /// person → firm.
    case legalRepresentativeOf = "legal_representative_of"
    /// person → firm.
    case accountantOf = "accountant_of"
    /// firm → address, phone, e-mail: shared registration data (GRAS 2.6).
    case registeredAt = "registered_at"
    case hasPhone = "has_phone"
    case hasEmail = "has_email"
    case hasWebsite = "has_website"
    /// firm → economic group (GRAS 2.7 corporate groups).
    case memberOfGroup = "member_of_group"
    /// firm → consortium it bids with.
    case memberOfConsortium = "member_of_consortium"
    /// agency → tender it runs.
    case procures
    /// firm → tender; `value`, `won`.
    case bid
    /// contract → tender it was awarded under.
    case awardedUnder = "awarded_under"
    /// firm (supplier) → contract.
    case holdsContract = "holds_contract"
    /// candidate → political party.
    case memberOfParty = "member_of_party"
    /// donor (person or firm) → candidate (GRAS 4.1).
    case donatedTo = "donated_to"
    /// person → their candidacy (GRAS 4.2: the politician behind a candidate).
    case stoodAs = "stood_as"
    /// sanctioned firm or person → sanctioning body.
    case sanctionedBy = "sanctioned_by"
    /// person → benefit programme, between the first and last benefit (GRAS 3.7).
    case receivedBenefit = "received_benefit"
    /// person → offence, from the sentence date (GRAS 3.8).
    case convictedOf = "convicted_of"
    /// judge → court.
    case servesAt = "serves_at"
    /// court → the court above it in its system (Courts-DB `parent`).
    case partOf = "part_of"
    /// person → school; `degree`, from the year of the degree.
    case educatedAt = "educated_at"
    /// law clerk → the judge clerked for; mentor ties between judges (FJC professional career).
    case clerkedFor = "clerked_for"
    /// appointing person or candidate → judge.
    case appointed
    /// judge → case.
    case presides
    /// magistrate judge → case referred to them (a docket's `referred_to_str`).
    case referred
    /// judge of an appellate panel → case.
    case panelMember = "panel_member"
    /// judge of the court below → the appeal from their decision (`originating_court_information`).
    case decidedBelow = "decided_below"
    /// case → court.
    case heardIn = "heard_in"
    /// party (person, firm or agency) → case; `role`.
    case partyTo = "party_to"
    /// lawyer → case; `for` names the party represented.
    case counselIn = "counsel_in"
    /// lawyer → law firm, office or agency they practise at.
    case worksAt = "works_at"
    /// person → person; `relation`.
    case relativeOf = "relative_of"
    /// declarant → firm, relative or agency, from asset and interest declarations.
    case declaredShareholding = "declared_shareholding"
    case declaredRelative = "declared_relative"
    case declaredPost = "declared_post"
}
