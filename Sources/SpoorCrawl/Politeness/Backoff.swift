import Foundation

/// Exponential backoff with jitter: `base · multiplier^(failures−1)`, capped, then scaled by a
/// random factor in `[1 − jitter, 1)` so that retries from many crawls do not synchronize.
public struct Backoff: Sendable, Hashable {
    /// The delay after the first failure, before jitter, in seconds.
    public var base: Double
    /// How much each further failure multiplies the delay.
    public var multiplier: Double
    /// The longest delay before jitter, in seconds.
    public var cap: Double
    /// The fraction of the delay that is random: 0 is none, 1 is "full jitter".
    public var jitter: Double

    /// Creates a backoff; the defaults give about 1, 2, 4, 8 s … up to 5 min, half of it random.
    public init(base: Double = 1, multiplier: Double = 2, cap: Double = 300, jitter: Double = 0.5) {
        self.base = max(0, base)
        self.multiplier = max(1, multiplier)
        self.cap = max(0, cap)
        self.jitter = min(1, max(0, jitter))
    }

    /// The delay before jitter after `failures` consecutive failures (1 for the first).
    public func undelayedSeconds(afterFailures failures: Int) -> Double {
        guard failures > 0 else { return 0 }
        // Compute in floating point and cap before anything can overflow.
        return min(cap, base * pow(multiplier, Double(failures - 1)))
    }

    /// The delay after `failures` consecutive failures, with `unit` (in `[0, 1)`) choosing the jitter.
    public func seconds(afterFailures failures: Int, unit: Double) -> Double {
        let raw = undelayedSeconds(afterFailures: failures)
        return raw * (1 - jitter + jitter * min(1, max(0, unit)))
    }

    /// The delay after `failures` consecutive failures, drawing the jitter from `random`.
    public func seconds(afterFailures failures: Int, using random: inout some RandomNumberGenerator) -> Double {
        seconds(afterFailures: failures, unit: random.nextUnit())
    }
}

extension RandomNumberGenerator {
    /// A uniformly distributed `Double` in `[0, 1)` from the top 53 bits of one draw.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
