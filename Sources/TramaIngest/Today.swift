import Foundation
public import TramaGraph

extension Day {
    /// Today in UTC, for "generated" dates and for what is valid now.
    public static var today: Day {
        let c = Calendar(identifier: .gregorian)
        let parts = c.dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
