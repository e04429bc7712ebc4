/// What one request will meet, decided from `(MockFaults.seed, request number)` alone so runs
/// repeat. Every roll is drawn whatever the rates, so each fault's requests are fixed by the
/// seed and independent of the other rates.
struct FaultPlan: Equatable {
    /// Answers given instead of the API's.
    enum Refusal: Equatable { case maintenance, busy, serverError }
    /// Ways a 200 body with records goes wrong, about half way through.
    enum BodyFault: Equatable {
        case drop
        case truncate
        /// `variant` picks the junk (see `MockRules.garbage`).
        case garble(variant: Int)
    }
    /// Where a slow answer stalls: never `.either` here.
    typealias Stall = MockFaults.SlowPlacement

    var refusal: Refusal?
    var stall: Stall?
    var body: BodyFault?

    /// No fault at all.
    static let none = FaultPlan()

    private init() {}

    init(request number: Int, faults: MockFaults) {
        guard faults.isEnabled else {
            self = .none
            return
        }
        var rng = SeededGenerator(
            seed: SeededGenerator.mix(SeededGenerator.tag("faults"), faults.seed, UInt64(truncatingIfNeeded: number)))
        let maintenance = Self.roll(&rng, faults.maintenanceRate) || faults.maintenanceRequests?.contains(number) == true
        let busy = Self.roll(&rng, faults.busyRate)
        let serverError = Self.roll(&rng, faults.serverErrorRate)
        let slow = Self.roll(&rng, faults.slowRate)
        let midBody = Self.roll(&rng, 0.5)
        let drop = Self.roll(&rng, faults.dropMidBodyRate)
        let truncate = Self.roll(&rng, faults.truncatedJSONRate)
        let garble = Self.roll(&rng, faults.garbledJSONRate)
        let variant = rng.below(MockRules.garbage.count)

        refusal = maintenance ? .maintenance : busy ? .busy : serverError ? .serverError : nil
        if slow {
            switch faults.slowPlacement {
            case .either: stall = midBody ? .midBody : .beforeHead
            case let placement: stall = placement
            }
        }
        body = drop ? .drop : truncate ? .truncate : garble ? .garble(variant: variant) : nil
    }

    /// Always draws, so the stream stays aligned whatever the rate.
    private static func roll(_ rng: inout SeededGenerator, _ rate: Double) -> Bool {
        rng.unit() < rate
    }
}
