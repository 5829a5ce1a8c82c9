import Testing
import TramaAnalysis

@Suite("A flag's standing among the flags of its indicator")
struct FlagStandingTests {
    @Test func higherValuesStandRiskierAndTiesShareTheHighestShare() {
        let s = FlagStanding.standings([("1.2.1", 0.2), ("1.2.1", 0.9), ("1.2.1", 0.5), ("1.2.1", 0.5)])
        #expect(s == [0.25, 1, 0.75, 0.75])
    }

    /// GRAS 3.4.1: the fewer days from incorporation to the first contract, the riskier.
    @Test func lowerIsRiskierWhereGRASSaysSo() {
        #expect(FlagStanding.lowerIsRiskier == ["3.4.1", "3.6.6"])
        let s = FlagStanding.standings([("3.4.1", 30), ("3.4.1", 300), ("3.4.1", 100)])
        #expect(s == [1, 1.0 / 3, 2.0 / 3])
    }

    @Test func indicatorsAreRankedApartAndFlagsWithoutAValueStandNowhere() {
        let s = FlagStanding.standings([("4.1.3", nil), ("2.7.1", 1), ("1.3.1", 5), ("2.7.1", 3), ("4.1.3", nil)])
        #expect(s == [nil, 0.5, 1, 1, nil])
    }
}
