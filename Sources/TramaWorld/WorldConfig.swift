/// The size of a synthetic world. Everything follows from the number of firms N:
///
/// | what | how many |
/// |---|---|
/// | people | 1.2 N (judges, lawyers N/100 ≥ 10, 5 officials per agency, 3 registered agents, the rest) |
/// | agencies | N/250, at least 8; jurisdictions (cities) agencies/2, 8…200 |
/// | holding firms | N/25 (4%), in economic groups up to four holding levels deep |
/// | tenders | 0.6 N background, 2–8 bids each (heavy-tailed, mean ≈ 3.4), ≈ 96% awarded with one contract each; planted tenders on top |
/// | shareholders | ≈ 1.4 N rows; employment ≈ 1.5 N rows; relatives ≈ 0.3 × people |
/// | candidates | N/400, at least 10; donations N/40, at least 30 |
/// | sanctions | N/200, at least 5 |
/// | judges | N/1000, at least 6; courts judges/4, at least 2; cases N/20, at least 30, 2–3 parties each |
/// | rings | N/2000, at least 3 (1 below 200 firms) |
/// | top losers, fixed-difference pairs | N/3000, at least 3 and 4 (1 and 2 below 200 firms) |
/// | political winners | N/4000, at least 3 (1 below 200 firms) |
/// | judge conflicts | judges/8, at least 4; decoys half as many, at least 3 |
/// | registered agents | 2 people and 1 nominee firm holding shares in 2%, 1% and 1.5% of firms (at least 20 each) |
/// | mass-registration addresses | 2, hosting 1.2% and 0.7% of firms (at least 20 each) |
///
/// Worlds below about 150 firms get a few more firms than asked, so the planted patterns fit.
public struct WorldConfig: Sendable, Hashable {
    public var firms: Int
    public var seed: UInt64

    public init(firms: Int, seed: UInt64) {
        self.firms = firms
        self.seed = seed
    }

    var small: Bool { firms < 200 }

    public var people: Int { firms * 6 / 5 }
    public var agencies: Int { max(8, firms / 250) }
    public var cities: Int { min(200, max(8, agencies / 2)) }
    public var holdings: Int { max(6, firms / 25) }
    public var tenders: Int { max(30, firms * 3 / 5) }
    public var candidates: Int { max(10, firms / 400) }
    public var donations: Int { max(30, firms / 40) }
    public var sanctions: Int { max(5, firms / 200) }
    public var judges: Int { max(6, firms / 1000) }
    public var courts: Int { max(2, judges / 4) }
    public var cases: Int { max(30, firms / 20) }
    public var lawyers: Int { max(10, firms / 100) }
    public var officialsPerAgency: Int { 5 }
    public var rings: Int { small ? 1 : max(3, firms / 2000) }
    public var topLosers: Int { small ? 1 : max(3, firms / 3000) }
    public var fixedDifferencePairs: Int { small ? 2 : max(4, firms / 3000) }
    public var politicalWinners: Int { small ? 1 : max(3, firms / 4000) }
    public var judgeConflicts: Int { max(4, judges / 8) }
    public var judgeConflictDecoys: Int { max(3, judgeConflicts / 2) }
}
