import Foundation
import TramaGraph
import TramaIngest

/// Writing: each table streamed row by row, entities in ID order, planted rows among the
/// background ones.
extension WorldBuilder {
    func writeAgenciesAndCandidates() throws {
        for (i, a) in agencies.enumerated() { try out.agencies.write([agencyID(i), a.name, cityNames[a.city], a.level]) }
        for (i, c) in candidates.enumerated() {
            try out.candidates.write([
                candidateID(i), Self.name(from: hash(7, i)), c.party, c.office, c.elected ? "1" : "0", cityNames[c.city], String(c.year), c.person.map(personID) ?? "",
            ])
        }
    }

    func writePeople() throws {
        for id in 0..<personCount {
            let i = personPerm.inverse(id)
            let unknownBirth = backgroundPeople.contains(i) && hash(6, i) % 100 < 6
            try out.people.write([Format.id("P", id + 1, width: 7), personName(i), unknownBirth ? "" : days[birth(i)]])
        }
    }

    // MARK: Firms, owners, employees

    func firmCountry(_ f: Int) -> String {
        if holdings.contains(f) {
            let h = hash(8, f)
            return holdingParent[f - holdings.lowerBound] < 0 && h % 10 < 3
                ? Words.offshore[Int((h >> 8) % UInt64(Words.offshore.count))] : "BR"
        }
        if backgroundFirms.contains(f) { return Words.countries[Int(hash(8, f) % UInt64(Words.countries.count))] }
        return "BR"
    }

    func activity(_ f: Int) -> String { Words.activityCodes[Int(hash(9, f) % UInt64(Words.activityCodes.count))] }

    func accountant() -> Int? { rng.chance(0.55) ? backgroundPeople.lowerBound + rng.skewed(accountants, skew: 1.5) : nil }

    func writeFirms() throws {
        for id in 0..<firmCount {
            let f = firmPerm.inverse(id)
            if f == nominee {
                try writeNominee()
            } else if holdings.contains(f) {
                try writeHoldingFirm(f)
            } else if let plan = planned(f) {
                try writePlannedFirm(f, plan)
            } else {
                try writeBackgroundFirm(f)
            }
        }
        for (f, h) in extraHoldings { try writeHolding(firm: f, h) }
    }

    func writeFirmRow(
        _ f: Int, name: String, type: String, address: String, phone: String, email: String, activity: String, founded: Day,
        representative: Int?, accountant: Int?, group: String, financials: Bool
    ) throws {
        if let representative { recordRole(representative, at: f, controls: true) }
        var turnover = ""
        var profit = ""
        if financials {
            let t = rng.logNormal(mu: 14, sigma: 1.4)
            turnover = Format.money(t)
            profit = Format.money(t * (0.3 * rng.unit() - 0.08))
        }
        try out.firms.write([
            firmID(f), name, type, firmCountry(f), address, phone, email, activity, days[founded], representative.map(personID) ?? "",
            accountant.map(personID) ?? "", group, turnover, profit,
        ])
    }

    func writeHolding(firm f: Int, _ h: Holding) throws {
        switch h.holder {
        case .person(let p): recordRole(p, at: f, controls: true)
        case .firm: controllers[f, default: []].append(h.holder)
        }
        let country: String
        switch h.holder {
        case .person(let p):
            country = "BR"
            edgeHolder.append(Int32(p))
        case .firm(let g):
            country = firmCountry(g)
            edgeHolder.append(Int32(-g - 1))
        }
        edgeFirm.append(Int32(f))
        let holderName = rng.chance(0.85) ? name(h.holder) : ""
        try out.shareholders.write([
            firmID(f), id(h.holder), holderName, days[h.entry], days[h.exit], country, Format.percent(basisPoints: h.basisPoints),
        ])
    }

    /// Remembers who stands behind firm `f`, for `circle(_:)` and `ties(ofJudge:)`.
    func recordRole(_ p: Int, at f: Int, controls: Bool) {
        if controls { controllers[f, default: []].append(.person(p)) } else { staff[f, default: []].append(p) }
        if judgesRelatives.contains(p) { relativesFirms[p, default: []].append(f) }
    }

    func writeJob(at f: Int, _ job: Job) throws {
        recordRole(job.person, at: f, controls: false)
        let pay = rng.chance(0.8) ? Format.money(rng.logNormal(mu: 8.2, sigma: 0.5)) : ""
        try out.employment.write([firmID(f), personID(job.person), job.position, pay, days[job.from], days[job.to]])
    }

    /// A background job at a firm founded on `founded`: from after the founding and the
    /// worker's 21st birthday, a third of them ended.
    func backgroundJob(founded: Day, position: String? = nil) -> Job {
        let p = backgroundPerson()
        let from = min(max(date(Day.ymd(2005, 1, 1), Day.ymd(2023, 12, 31)), founded, adult(p)), Day.ymd(2024, 6, 30))
        var to: Day?
        if rng.chance(0.35) {
            let end = from.adding(days: rng.int(90...3000))
            if end <= Self.end { to = end }
        }
        return Job(person: p, position: position ?? rng.pick(Words.positions), from: from, to: to)
    }

    func writeNominee() throws {
        let founded = Day.ymd(2003, 5, 12)
        let agent = agentPeople.lowerBound
        let name = firmName(nominee)
        try writeFirmRow(
            nominee, name: name, type: "company", address: massAddresses[0], phone: phone(nominee), email: email(nominee, name: name),
            activity: "6619", founded: founded, representative: agent, accountant: nil, group: "", financials: false)
        try writeHolding(firm: nominee, Holding(holder: .person(agent), basisPoints: 10_000, entry: max(founded, adult(agent)), exit: nil))
    }

    func writeHoldingFirm(_ f: Int) throws {
        let k = f - holdings.lowerBound
        let parent = holdingParent[k]
        let founded = holdingFounded[k]
        var owners: [Holding] = []
        if parent < 0 {
            let first = backgroundPerson()
            let two = rng.chance(0.4)
            let share = two ? rng.int(50...80) * 100 : 10_000
            owners.append(Holding(holder: .person(first), basisPoints: share, entry: max(founded, adult(first)), exit: nil))
            if two {
                var second = backgroundPerson()
                while second == first { second = backgroundPerson() }
                owners.append(Holding(holder: .person(second), basisPoints: 10_000 - share, entry: max(founded, adult(second)), exit: nil))
            }
        } else {
            owners.append(Holding(holder: .firm(parent), basisPoints: 10_000, entry: founded, exit: nil))
        }
        var representative: Int?
        if case .person(let p) = owners[0].holder { representative = p } else { representative = backgroundPerson() }
        let name = firmName(f)
        try writeFirmRow(
            f, name: name, type: "holding", address: address(f), phone: phone(f), email: email(f, name: name), activity: Words.holdingActivity,
            founded: founded, representative: representative, accountant: accountant(), group: groupNames[holdingGroup[k]], financials: rng.chance(0.5))
        for h in owners { try writeHolding(firm: f, h) }
        if rng.chance(0.5) { try writeJob(at: f, backgroundJob(founded: founded, position: "director")) }
    }

    func writePlannedFirm(_ f: Int, _ plan: PlannedFirm) throws {
        let name = firmName(f)
        try writeFirmRow(
            f, name: name, type: plan.holding ? "holding" : "company", address: address(f), phone: phone(f), email: email(f, name: name),
            activity: plan.holding ? Words.holdingActivity : activity(f), founded: plan.founded, representative: plan.representative,
            accountant: nil, group: "", financials: !plan.holding && rng.chance(0.65))
        for h in plan.owners { try writeHolding(firm: f, h) }
        for job in plan.jobs { try writeJob(at: f, job) }
    }

    func writeBackgroundFirm(_ f: Int) throws {
        let name = firmName(f)
        // Bidders exist before the market opens (2015), so none wins a contract before it was
        // constituted (GRAS 3.5.1 stays a red flag, not noise); quiet firms come and go later.
        let founded = date(Day.ymd(1985, 1, 1), bidders.contains(f) ? Day.ymd(2014, 6, 30) : Day.ymd(2022, 12, 31))
        // Unused planted slots are quiet firms outside the memberships.
        let r = backgroundFirms.contains(f) ? f - backgroundFirms.lowerBound : -1
        let holdingOwner: Int? = rng.chance(0.12) ? rng.int(holdings) : nil
        var group = ""
        var owners: [Holding] = []
        if let h = holdingOwner {
            if rng.chance(0.85) { group = groupNames[holdingGroup[h - holdings.lowerBound]] }
            owners.append(Holding(holder: .firm(h), basisPoints: 0, entry: max(founded, holdingFounded[h - holdings.lowerBound]), exit: nil))
        }
        if r >= 0, nomineeMembers.contains(r) {
            owners.append(Holding(holder: .firm(nominee), basisPoints: 0, entry: max(founded, Day.ymd(2003, 5, 12)), exit: nil))
        }
        let u = rng.unit()
        let target = u < 0.75 ? 1 : u < 0.94 ? 2 : 3
        while owners.count < target {
            let p = backgroundPerson()
            if !owners.contains(where: { $0.holder == .person(p) }) {
                owners.append(Holding(holder: .person(p), basisPoints: 0, entry: max(founded, adult(p)), exit: nil))
            }
        }
        // Registered agents hold a token stake next to the real owners.
        var agents: [Holding] = []
        for (k, member) in [agentA, agentB].enumerated() where r >= 0 && member.contains(r) {
            let agent = agentPeople.lowerBound + k
            agents.append(Holding(holder: .person(agent), basisPoints: rng.int(1...5) * 100, entry: max(founded, adult(agent)), exit: nil))
        }
        var remaining = 10_000 - agents.reduce(0) { $0 + $1.basisPoints }
        let weights = owners.map { _ in rng.int(1...10) }
        var weightLeft = weights.reduce(0, +)
        for i in owners.indices {
            let share = i == owners.count - 1 ? remaining : remaining * weights[i] / weightLeft
            owners[i].basisPoints = share
            remaining -= share
            weightLeft -= weights[i]
        }
        // Some owners sell: the buyer enters the day after.
        var rows: [Holding] = []
        for o in owners + agents {
            guard case .person(let p) = o.holder, !agentPeople.contains(p), rng.chance(0.08) else {
                rows.append(o)
                continue
            }
            let exit = o.entry.adding(days: rng.int(365...4000))
            guard exit < Day.ymd(2024, 6, 30) else {
                rows.append(o)
                continue
            }
            var sold = o
            sold.exit = exit
            rows.append(sold)
            var buyer = backgroundPerson()
            while owners.contains(where: { $0.holder == .person(buyer) }) || rows.contains(where: { $0.holder == .person(buyer) }) {
                buyer = backgroundPerson()
            }
            rows.append(Holding(holder: .person(buyer), basisPoints: o.basisPoints, entry: max(exit.adding(days: 1), adult(buyer)), exit: nil))
        }

        var representative: Int?
        if rng.chance(0.94) {
            if rng.chance(0.6), let p = owners.lazy.compactMap({ o -> Int? in if case .person(let p) = o.holder { p } else { nil } }).first {
                representative = p
            } else {
                representative = backgroundPerson()
            }
        }
        let place: String
        if r >= 0, massAddressA.contains(r) {
            place = massAddresses[0]
        } else if r >= 0, massAddressB.contains(r) {
            place = massAddresses[1]
        } else if let h = holdingOwner, rng.chance(0.35) {
            place = address(h)
        } else {
            place = address(f)
        }
        let tel = holdingOwner != nil && rng.chance(0.3) ? phone(holdingOwner!) : rng.chance(0.92) ? phone(f) : ""
        try writeFirmRow(
            f, name: name, type: rng.chance(0.12) ? "sole proprietorship" : "company", address: place, phone: tel,
            email: rng.chance(0.9) ? email(f, name: name) : "", activity: activity(f), founded: founded, representative: representative,
            accountant: accountant(), group: group, financials: rng.chance(0.65))
        for h in rows { try writeHolding(firm: f, h) }

        let v = rng.unit()
        let jobs = v < 0.22 ? 0 : v < 0.55 ? 1 : v < 0.82 ? 2 : v < 0.94 ? 3 : rng.int(4...6)
        for _ in 0..<jobs { try writeJob(at: f, backgroundJob(founded: founded)) }
    }

    func writeOfficials() throws {
        for j in officialJobs {
            try out.employment.write([agencyID(j.agency), personID(j.official), j.position, "", days[j.from], days[j.to]])
        }
    }

    // MARK: Procurement

    func writeTenders() throws {
        for id in 0..<tenderBound {
            let t = tenderPerm.inverse(id)
            if t < backgroundTenders {
                try writeBackgroundTender(t)
            } else if t - backgroundTenders < plannedTenders.count {
                let p = plannedTenders[t - backgroundTenders]
                let price = rng.cents(around: p.bids[p.winner].cents, 1.03, 1.15)
                try writeTender(t, agency: p.agency, published: p.published, deadline: p.published.adding(days: 30), estimate: price, bids: p.bids, winner: p.winner)
            }
        }
    }

    func writeBackgroundTender(_ t: Int) throws {
        let a = rng.skewed(agencies.count, skew: 1.5)
        let published = date(Day.ymd(2015, 1, 5), Day.ymd(2024, 6, 30))
        let price = estimate(mu: 12.0, sigma: 1.2)
        let n = 2 + min(6, Int(-log(max(rng.unit(), 1e-12)) * 2.0))
        var bids: [(firm: Int, cents: Int64)] = []
        while bids.count < n {
            let f = busyBidder()
            if !bids.contains(where: { $0.firm == f }) { bids.append((f, rng.cents(around: price, 0.82, 1.12))) }
        }
        var winner: Int?
        if !rng.chance(0.04) {
            let ranked = bids.indices.sorted { (bids[$0].cents, $0) < (bids[$1].cents, $1) }
            winner = rng.chance(0.85) ? ranked[0] : ranked[1]
        }
        try writeTender(t, agency: a, published: published, deadline: published.adding(days: rng.int(20...45)), estimate: price, bids: bids, winner: winner)
    }

    func writeTender(
        _ t: Int, agency a: Int, published: Day, deadline: Day, estimate: Int64, bids: [(firm: Int, cents: Int64)], winner: Int?
    ) throws {
        let process = tenderID(t)
        try out.tenders.write([
            process, agencyID(a), rng.pick(Words.methods), days[published], days[deadline], Format.money(cents: estimate),
            rng.pick(Words.products), cityNames[agencies[a].city],
        ])
        let span = Int(deadline.rawValue - published.rawValue)
        for (k, b) in bids.enumerated() {
            try out.bids.write([
                process, firmID(b.firm), String(k + 1), Format.money(cents: b.cents), days[published.adding(days: rng.int(1...span))],
                k == winner ? "1" : "0",
            ])
        }
        guard let w = winner else { return }
        let value = bids[w].cents
        let signed = deadline.adding(days: rng.int(7...40))
        let amendment = rng.chance(0.12) ? Format.money(cents: value * Int64(rng.int(2...25)) / 10_000 * 100) : ""
        let delivery: Day? = rng.chance(0.75) ? min(signed.adding(days: rng.int(60...540)), Self.end) : nil
        // Delivered from a month early to nine weeks late: most on time, some late (GRAS 1.3.2).
        let delivered: Day? = rng.chance(0.6) ? delivery.map { d in min(d.adding(days: (rng.int(3...30) - 12) * 3), Self.end) } ?? signed.adding(days: rng.int(3...30)) : nil
        try out.contracts.write([
            contractID(t), process, firmID(bids[w].firm), Format.money(cents: value), days[signed], amendment, days[delivery], days[delivered],
        ])
        firmWins[bids[w].firm] |= 1 << UInt64(agencies[a].city % 64)
    }

    // MARK: Politics


    /// Planted donations first decided; background donors never gave to an elected candidate of
    /// a jurisdiction where they (or a firm they own, through up to four levels, or represent)
    /// won a contract, so no background donor looks like a political winner (GRAS 4.1.3 counts
    /// the money of a firm's owners and representatives).
    func writeDonations() throws {
        var mask = firmWins
        for _ in 0..<4 {
            for e in edgeHolder.indices where edgeHolder[e] < 0 { mask[Int(-edgeHolder[e] - 1)] |= mask[Int(edgeFirm[e])] }
        }
        var personMask = [UInt64](repeating: 0, count: personCount)
        for e in edgeHolder.indices where edgeHolder[e] >= 0 { personMask[Int(edgeHolder[e])] |= mask[Int(edgeFirm[e])] }
        for (f, people) in controllers {
            for case .person(let p) in people { personMask[p] |= mask[f] }
        }

        // Planted donations go among the background ones, at random places.
        let slots = plannedDonations.indices.map { (slot: rng.int(0...config.donations), index: $0) }.sorted { ($0.slot, $0.index) < ($1.slot, $1.index) }
        var nextSlot = 0
        func writePlanted(upTo slot: Int) throws {
            while nextSlot < slots.count, slots[nextSlot].slot <= slot {
                let d = plannedDonations[slots[nextSlot].index]
                try out.donations.write([id(d.donor), candidateID(d.candidate), Format.money(cents: d.cents), String(d.year)])
                donors[d.candidate, default: []].append(d.donor)
                nextSlot += 1
            }
        }
        for i in 0..<config.donations {
            try writePlanted(upTo: i)
            let donor: Entity = rng.chance(0.4) ? .firm(backgroundFirm()) : .person(backgroundPerson())
            let m: UInt64
            switch donor {
            case .firm(let f): m = mask[f]
            case .person(let p): m = personMask[p]
            }
            var chosen: Int?
            for _ in 0..<12 {
                let c = rng.int(0..<candidates.count)
                if !candidates[c].elected || m & (1 << UInt64(candidates[c].city % 64)) == 0 {
                    chosen = c
                    break
                }
            }
            guard let c = chosen else { continue }
            let year = candidates[c].year - (rng.chance(0.3) ? 1 : 0)
            try out.donations.write([id(donor), candidateID(c), Format.money(rng.logNormal(mu: 8.5, sigma: 1.0)), String(year)])
            donors[c, default: []].append(donor)
        }
        try writePlanted(upTo: Int.max)
    }

    // MARK: Justice

    /// `e` with the people and firms directly behind it: a firm's owners, legal representative
    /// and employees.
    func circle(_ e: Entity) -> [Entity] {
        guard case .firm(let f) = e else { return [e] }
        return [e] + (controllers[f] ?? []) + (staff[f] ?? []).map(Entity.person)
    }

    /// Who a background party of judge `n` must not be, nor have behind it. This mirrors the
    /// paths the conflict screen walks within three hops: the appointer's donors, the judge's
    /// relatives and their firms, the firms the judge holds shares in, and the people and
    /// firms behind each.
    func ties(ofJudge n: Int) -> Set<Entity> {
        if let known = judgeTies[n] { return known }
        let plan = judgePlans[n]
        var tied = Set<Entity>()
        if case .candidate(let c) = plan.appointedBy {
            for d in donors[c] ?? [] { tied.formUnion(circle(d)) }
        }
        for r in plan.relatives {
            tied.insert(.person(r.person))
            for f in relativesFirms[r.person] ?? [] { tied.formUnion(circle(.firm(f))) }
        }
        for h in plan.holdings { tied.formUnion(circle(.firm(h.firm))) }
        judgeTies[n] = tied
        for case .person(let p) in tied { nearJudges.insert(p) }
        return tied
    }

    /// Whether `e` is tied to judge `n` outside a case (so may not be a background party).
    func linked(_ e: Entity, toJudge n: Int) -> Bool {
        let tied = ties(ofJudge: n)
        return circle(e).contains(where: tied.contains)
    }

    func writeJudgesAndCases() throws {
        for n in judges {
            let plan = judgePlans[n]
            let by: String
            switch plan.appointedBy {
            case .candidate(let c): by = candidateID(c)
            case .person(let p): by = personID(p)
            }
            try out.judges.write([personID(n), personName(n), courtID(plan.court), by, days[plan.appointed]])
        }
        for id in 0..<caseBound {
            let k = casePerm.inverse(id)
            if k < backgroundCases {
                let n = rng.skewed(judges.count, skew: 1.3)
                let last = Day.ymd(2024, 11, 30)
                let filed = date(min(max(Self.start, judgePlans[n].appointed.adding(days: 30)), last), last)
                var parties: [(entity: Entity, role: String, lawyer: Int?)] = []
                let roles = ["plaintiff", "defendant", rng.pick(["defendant", "third party"])]
                let count = rng.int(2...3)
                while parties.count < count {
                    let e: Entity = rng.chance(0.55) ? .firm(backgroundFirm()) : .person(backgroundPerson())
                    if linked(e, toJudge: n) || parties.contains(where: { $0.entity == e }) { continue }
                    var counsel = lawyer()
                    if let l = counsel, linked(.person(l), toJudge: n) { counsel = nil }
                    parties.append((e, roles[parties.count], counsel))
                    for case .person(let p) in circle(e) + (counsel.map { [.person($0)] } ?? []) { nearCases.insert(p) }
                }
                try writeCase(k, judge: n, filed: filed, parties: parties)
            } else {
                let c = plannedCases[k - backgroundCases]
                try writeCase(k, judge: c.judge, filed: c.filed, parties: c.parties)
            }
        }
    }

    func writeCase(_ k: Int, judge n: Int, filed: Day, parties: [(entity: Entity, role: String, lawyer: Int?)]) throws {
        var decided: Day?
        if rng.chance(0.75) {
            let d = filed.adding(days: rng.int(60...900))
            if d <= Self.end { decided = d }
        }
        let outcome = decided == nil ? "" : rng.pick(Words.outcomes)
        let id = caseID(k)
        try out.cases.write([id, courtID(judgePlans[n].court), personID(n), days[filed], days[decided], outcome])
        for p in parties { try out.caseParties.write([id, self.id(p.entity), p.role, p.lawyer.map(personID) ?? ""]) }
    }

    func writeRelatives() throws {
        var written = 0
        for n in judges {
            for r in judgePlans[n].relatives {
                try out.relatives.write([personID(n), personID(r.person), r.relation])
                written += 1
            }
        }
        for r in politicianRelatives {
            try out.relatives.write([personID(r.politician), personID(r.relative), r.relation])
            written += 1
        }
        for d in officialDeclarations {
            guard let (p, relation) = d.relative else { continue }
            try out.relatives.write([personID(d.official), personID(p), relation])
            written += 1
        }
        while written < personCount * 3 / 10 {
            let a = backgroundPerson()
            let b = backgroundPerson()
            guard a != b else { continue }
            if nearJudges.contains(a) && nearCases.contains(b) || nearJudges.contains(b) && nearCases.contains(a) { continue }
            try out.relatives.write([personID(a), personID(b), rng.pick(Words.relations)])
            written += 1
        }
    }

    /// Judges declare every year from their appointment (2015 at the earliest): their post,
    /// their relatives and their shares; officials every other year from 2019.
    func writeDeclarations() throws {
        for n in judges {
            let plan = judgePlans[n]
            let judge = personID(n)
            for year in max(2015, plan.appointed.year)...2024 {
                let y = String(year)
                try out.assetDeclarations.write([judge, y, "", "", "", "judge of \(courtID(plan.court))"])
                for r in plan.relatives { try out.assetDeclarations.write([judge, y, "", personID(r.person), "", ""]) }
                for h in plan.holdings where h.from.year <= year { try out.assetDeclarations.write([judge, y, firmID(h.firm), "", "", ""]) }
            }
        }
        for d in officialDeclarations {
            let official = personID(d.official)
            for year in d.years {
                let y = String(year)
                try out.assetDeclarations.write([official, y, "", "", agencyID(d.agency), d.position])
                if let (p, _) = d.relative { try out.assetDeclarations.write([official, y, "", personID(p), "", ""]) }
                if let (f, from) = d.firm, from.year <= year { try out.assetDeclarations.write([official, y, firmID(f), "", "", ""]) }
            }
        }
    }

    /// Background sanctions, then the planted sanctioned links (GRAS 3.6.3). A background
    /// sanction never falls on a firm whose owner or representative holds or runs another firm,
    /// so the firms tied to a sanctioned company are exactly the planted ones. The last use of
    /// the random stream: nothing written before depends on what is drawn here.
    func writeSanctions() throws {
        var holderFirms: [Entity: Set<Int>] = [:]
        for (f, holders) in controllers { for h in holders { holderFirms[h, default: []].insert(f) } }
        func linksOthers(_ f: Int) -> Bool { (controllers[f] ?? []).contains { (holderFirms[$0]?.count ?? 0) > 1 } }
        var sanctioned = Set<Int>()
        for _ in 0..<config.sanctions {
            var e: Entity
            var tries = 0
            repeat {
                let u = rng.unit()
                e = u < 0.7 ? .firm(busyBidder()) : u < 0.85 ? .firm(rng.int(quietFirms)) : .person(backgroundPerson())
                tries += 1
            } while tries < 100 && { if case .firm(let f) = e { return linksOthers(f) } else { return false } }()
            if case .firm(let f) = e {
                if linksOthers(f) { continue }
                sanctioned.insert(f)
            }
            let start = date(Day.ymd(2012, 1, 1), Day.ymd(2024, 6, 30))
            let end = start.adding(days: rng.int(180...1800))
            try out.sanctions.write([id(e), name(e), days[start], end <= Self.end ? days[end] : "", rng.pick(Words.sanctioningBodies)])
        }
        try plantSanctionedLinks(holderFirms: holderFirms, sanctioned: sanctioned)
    }

    /// Suppliers tied to a sanctioned company (GRAS 3.6.3): a person with no other role buys a
    /// stake in a quiet company that is later debarred and in a firm that wins contracts.
    func plantSanctionedLinks(holderFirms: [Entity: Set<Int>], sanctioned: Set<Int>) throws {
        let busy = Set(judgeTies.values.flatMap { $0 })
        let roles = Set(holderFirms.keys).union(staff.values.flatMap { $0.map(Entity.person) }).union(busy).union(donors.values.flatMap { $0 })
        var winners = bidders.filter { firmWins[$0] != 0 && !sanctioned.contains($0) }
        var companies = quietFirms.filter { f in
            !sanctioned.contains(f) && (controllers[f] ?? []).allSatisfy { h in
                holderFirms[h]?.count == 1 && !busy.contains(h) && { if case .person(let p) = h { !judges.contains(p) && !officials.contains(p) } else { false } }()
            }
        }
        for _ in 0..<max(3, config.firms / 400) {
            guard !winners.isEmpty, !companies.isEmpty else { return }
            let firm = winners.remove(at: rng.int(0..<winners.count))
            let company = companies.remove(at: rng.int(0..<companies.count))
            var person = backgroundPerson()
            var tries = 0
            while roles.contains(.person(person)) || judgesRelatives.contains(person), tries < 1000 {
                person = backgroundPerson()
                tries += 1
            }
            guard tries < 1000 else { return }
            let bought = max(date(Day.ymd(2008, 1, 1), Day.ymd(2014, 12, 31)), adult(person))
            try writeHolding(firm: company, Holding(holder: .person(person), basisPoints: 2500, entry: bought, exit: nil))
            try writeHolding(firm: firm, Holding(holder: .person(person), basisPoints: 500, entry: bought.adding(days: rng.int(30...900)), exit: nil))
            let start = date(Day.ymd(2015, 1, 1), Day.ymd(2023, 12, 31))
            let end = start.adding(days: rng.int(365...1500))
            try out.sanctions.write([firmID(company), firmName(company), days[start], end <= Self.end ? days[end] : "", rng.pick(Words.sanctioningBodies)])
            truth.sanctionedLinks.append(.init(firm: firmID(firm), company: firmID(company), person: personID(person), sanctionStart: days[start]))
        }
    }

    /// Social benefits and criminal records (GRAS 3.7, 3.8): background rows for people who own
    /// or run no firm, and planted ones — a straw owner on benefits given a stake in a winning
    /// firm, a person with a record given one — so the firms flagged are exactly the planted.
    func writeShareholderRecords() throws {
        // People who own or run a firm, or already have a record: neither gets another.
        var controlling = Set<Int>()
        for holders in controllers.values { for case .person(let p) in holders { controlling.insert(p) } }
        let busy = Set(judgeTies.values.flatMap { $0 })
        func freePerson() -> Int? {
            for _ in 0..<1000 {
                let p = backgroundPerson()
                if !controlling.contains(p), !busy.contains(.person(p)), !judgesRelatives.contains(p) { return p }
            }
            return nil
        }
        let programmes = ["Bolsa Familia", "Cash transfer", "Household allowance"]
        let crimes = ["fraud", "bribery", "money laundering", "tax evasion"]
        func benefit(_ p: Int, from: Day) throws {
            let to = from.adding(days: rng.int(180...2400))
            try out.socialBenefits.write([
                personID(p), days[from], to <= Self.end ? days[to] : "", Format.money(cents: Int64(rng.int(50_000...900_000))), rng.pick(programmes),
            ])
        }
        for _ in 0..<max(5, config.people / 100) {
            guard let p = freePerson() else { break }
            controlling.insert(p)
            try benefit(p, from: date(Day.ymd(2010, 1, 1), Day.ymd(2023, 12, 31)))
        }
        for _ in 0..<max(3, config.people / 300) {
            guard let p = freePerson() else { break }
            controlling.insert(p)
            try out.criminalRecords.write([personID(p), rng.pick(crimes), days[date(Day.ymd(2005, 1, 1), Day.ymd(2024, 6, 30))]])
        }
        var winners = bidders.filter { firmWins[$0] != 0 }
        for k in 0..<(2 * max(3, config.firms / 500)) {
            guard !winners.isEmpty, let p = freePerson() else { return }
            let firm = winners.remove(at: rng.int(0..<winners.count))
            let bought = max(date(Day.ymd(2012, 1, 1), Day.ymd(2018, 12, 31)), adult(p))
            try writeHolding(firm: firm, Holding(holder: .person(p), basisPoints: 500, entry: bought, exit: nil))
            controlling.insert(p)
            if k % 2 == 0 {
                try benefit(p, from: bought.adding(days: -rng.int(100...700)))
                truth.lowStatusShareholders.append(.init(firm: firmID(firm), person: personID(p)))
            } else {
                try out.criminalRecords.write([personID(p), rng.pick(crimes), days[date(Day.ymd(2005, 1, 1), Day.ymd(2020, 12, 31))]])
                truth.convictedShareholders.append(.init(firm: firmID(firm), person: personID(p)))
            }
        }
    }

    func addSuperNodes() {
        truth.superNodes = [
            .init(kind: "person", id: personID(agentPeople.lowerBound), role: "registered agent", firms: agentA.count + 1),
            .init(kind: "person", id: personID(agentPeople.lowerBound + 1), role: "registered agent", firms: agentB.count),
            .init(kind: "firm", id: firmID(nominee), role: "nominee shareholder", firms: nomineeMembers.count),
            .init(kind: "address", id: massAddresses[0], role: "mass-registration address", firms: massAddressA.count + 1),
            .init(kind: "address", id: massAddresses[1], role: "mass-registration address", firms: massAddressB.count),
        ]
    }
}
