import Testing
import InfuseTUI
import InfuseTUITestSupport

@Suite("Tree widget")
struct TreeStateTests {
    static func sample() -> TreeState {
        TreeState(roots: [
            TreeNode(id: "root", label: "root", detail: "(1)", isChecked: false),
            TreeNode(id: "contacts", label: "contacts", detail: "(2,500)", isChecked: true, isExpanded: true, children: [
                TreeNode(id: "email", label: "email_addresses", detail: "(3,741)", isChecked: true),
                TreeNode(id: "phones", label: "phone_numbers", isChecked: false, children: [
                    TreeNode(id: "ext", label: "extensions", isChecked: false),
                ]),
            ]),
        ])
    }

    @Test("expand, collapse, move to parent, toggle checkboxes")
    func keys() {
        var t = Self.sample()
        #expect(t.visibleRows.map(\.node.id) == ["root", "contacts", "email", "phones"])
        _ = t.handle(.down); _ = t.handle(.down); _ = t.handle(.down)
        #expect(t.selectedRow?.node.id == "phones")
        #expect(t.handle(.right) == .handled)
        #expect(t.visibleRows.map(\.node.id).last == "ext")
        _ = t.handle(.right)
        #expect(t.selectedRow?.node.id == "ext" && t.selectedRow?.depth == 2)
        #expect(t.handle(.char(" ")) == .changed)
        #expect(t.node(at: [1, 1, 0])?.isChecked == true)
        _ = t.handle(.left)
        #expect(t.selectedRow?.node.id == "phones")
        _ = t.handle(.left)
        #expect(t.visibleRows.count == 4)
        t.select(id: "contacts")
        _ = t.handle(.left)
        #expect(t.visibleRows.map(\.node.id) == ["root", "contacts"])
        #expect(t.handle(.enter) == .activated)
        #expect(t.handle(.char("z")) == .ignored)
    }

    @Test("render snapshot, colour and NO_COLOR")
    func render() {
        var t = Self.sample()
        _ = t.handle(.down)
        let b = ScreenHarness(width: 34, height: 5).render { b, area, theme in t.render(into: &b, area: area, theme: theme, focused: true) }
        assertSnapshot(b, named: "tree")
        let nc = ScreenHarness(width: 34, height: 5, theme: .noColor).render { b, area, theme in t.render(into: &b, area: area, theme: theme, focused: true) }
        assertSnapshot(nc, named: "tree_no_color")
    }
}
