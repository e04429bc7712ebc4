import Testing
import WolkvoxMock
import WolkvoxAPI

struct RetryPolicyTests {
    let policy = RetryPolicy(attempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(60))

    @Test(arguments: 1...70)
    func ceilingDoublesPerAttemptUpToMaxDelay(attempt: Int) {
        let expected = min(60.0, Double(1 << min(attempt - 1, 10)))
        #expect(policy.delay(forAttempt: attempt, random: 1) == .seconds(expected))
        #expect(policy.delay(forAttempt: attempt, random: 0) == .zero)
    }

    @Test(arguments: [0.0, 0.1, 0.25, 0.5, 0.75, 0.999])
    func fullJitterScalesTheCeiling(random: Double) {
        for attempt in 1...8 {
            let ceiling = min(60.0, Double(1 << (attempt - 1)))
            let delay = policy.delay(forAttempt: attempt, random: random)
            #expect(abs(seconds(delay) - ceiling * random) < 1e-9, "attempt \(attempt)")
            #expect(delay >= .zero && delay <= .seconds(60))
        }
    }

    @Test(arguments: [
        (1, 0.0, 5, 5.0), (1, 0.9, 5, 5.0), (4, 0.9, 5, 7.2), (3, 0.5, 0, 2.0), (1, 0.0, 600, 60.0), (10, 1.0, 90, 60.0),
    ])
    func retryAfterIsAFloorCappedAtMaxDelay(attempt: Int, random: Double, retryAfter: Int, expected: Double) {
        let delay = policy.delay(forAttempt: attempt, retryAfter: .seconds(retryAfter), random: random)
        #expect(abs(seconds(delay) - expected) < 1e-9)
    }

    @Test func outOfRangeRandomAndAttemptAreClamped() {
        #expect(policy.delay(forAttempt: 0, random: 1) == .seconds(1))
        #expect(policy.delay(forAttempt: -3, random: 0.5) == .milliseconds(500))
        #expect(policy.delay(forAttempt: 2, random: 7) == .seconds(2))
        #expect(policy.delay(forAttempt: 2, random: -1) == .zero)
        #expect(policy.delay(forAttempt: 2, random: .nan) == .zero)
        #expect(policy.delay(forAttempt: Int.max, random: 1) == .seconds(60))
    }

    @Test func attemptsCountTheFirstTry() {
        #expect(policy.allowsRetry(afterAttempt: 1))
        #expect(policy.allowsRetry(afterAttempt: 5))
        #expect(!policy.allowsRetry(afterAttempt: 6))
        #expect(!RetryPolicy(attempts: 1).allowsRetry(afterAttempt: 1))
        #expect(RetryPolicy(attempts: 0).attempts == 1)
    }

    @Test func generatorDrivenDelaysStayWithinBounds() {
        var generator = SeededGenerator(seed: 42)
        for attempt in 1...20 {
            let delay = policy.delay(forAttempt: attempt, retryAfter: .seconds(2), using: &generator)
            #expect(delay >= .seconds(2) && delay <= .seconds(60))
        }
        #expect(RetryPolicy(attempts: 3, baseDelay: .zero, maxDelay: .zero).delay(forAttempt: 3) == .zero)
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
