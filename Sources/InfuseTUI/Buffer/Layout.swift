/// How much of an axis a layout slot takes.
public enum LayoutSize: Hashable, Sendable {
    /// Exactly this many cells (clamped to what is left).
    case fixed(Int)
    /// This fraction (0…1) of the whole length.
    case fraction(Double)
    /// A share of whatever is left after fixed and fraction slots, weighted by the value.
    case fill(Int)

    /// A fill slot of weight 1.
    public static let fill: LayoutSize = .fill(1)
}

/// The direction a rectangle is split along.
public enum Axis: Hashable, Sendable {
    /// Left to right: the slots are columns side by side.
    case horizontal
    /// Top to bottom: the slots are rows stacked.
    case vertical
}

extension Rect {
    /// Splits the rectangle along `axis` into one slot per size, with `spacing` cells between slots.
    /// Fixed and fraction sizes are taken first; fill slots share the rest by weight, the last
    /// fill slot taking any rounding remainder. Slots that do not fit get zero length.
    public func split(_ axis: Axis, _ sizes: [LayoutSize], spacing: Int = 0) -> [Rect] {
        let total = axis == .horizontal ? width : height
        let gaps = max(0, sizes.count - 1) * spacing
        let available = max(0, total - gaps)
        var lengths = [Int](repeating: 0, count: sizes.count)
        var used = 0
        for (i, size) in sizes.enumerated() {
            switch size {
            case .fixed(let n): lengths[i] = max(0, min(n, available - used))
            case .fraction(let f): lengths[i] = max(0, min(Int((Double(available) * f).rounded(.down)), available - used))
            case .fill: continue
            }
            used += lengths[i]
        }
        let fillIndices = sizes.indices.filter { if case .fill = sizes[$0] { return true } else { return false } }
        let weights = fillIndices.map { i -> Int in if case .fill(let w) = sizes[i] { return max(0, w) } else { return 0 } }
        let weightSum = weights.reduce(0, +)
        let rest = max(0, available - used)
        if weightSum > 0 {
            var given = 0
            for (k, i) in fillIndices.enumerated() {
                let share = k == fillIndices.count - 1 ? rest - given : rest * weights[k] / weightSum
                lengths[i] = share
                given += share
            }
        }
        var cursor = axis == .horizontal ? x : y
        return lengths.map { len in
            defer { cursor += len + spacing }
            return axis == .horizontal
                ? Rect(x: cursor, y: y, width: len, height: height)
                : Rect(x: x, y: cursor, width: width, height: len)
        }
    }

    /// Columns side by side (`split(.horizontal, …)`).
    public func splitHorizontally(_ sizes: [LayoutSize], spacing: Int = 0) -> [Rect] {
        split(.horizontal, sizes, spacing: spacing)
    }

    /// Rows stacked top to bottom (`split(.vertical, …)`).
    public func splitVertically(_ sizes: [LayoutSize], spacing: Int = 0) -> [Rect] {
        split(.vertical, sizes, spacing: spacing)
    }
}
