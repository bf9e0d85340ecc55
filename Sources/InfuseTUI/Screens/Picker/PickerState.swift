import Foundation
import InfuseApp
import InfuseCore

/// Screen 2, Choose a connection: the connection types, filterable by typing, with a description.
public struct PickerState: Hashable, Sendable {
    /// The choices.
    public var connections: [ConnectionChoice]
    /// The list (always filtering: typing narrows it).
    public var list: ListState

    /// Creates the picker.
    public init(connections: [ConnectionChoice]) {
        self.connections = connections
        self.list = ListState(items: connections.map(\.label), alwaysFiltering: true, emptyText: "(no connections)")
    }

    /// The highlighted connection.
    public var selected: ConnectionChoice? { list.selectedItemIndex.map { connections[$0] } }

}
