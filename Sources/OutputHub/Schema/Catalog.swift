/// Every table and view of Output Hub, gathered from `Modules.all`.
public enum Catalog {
    /// Every table, each after the tables it references (the order a database built from the declarations
    /// alone creates them in), modules otherwise in their listed order.
    public static let tables: [TableDeclaration] = dependencyOrder(Modules.all.flatMap(\.tables))
    public static let views: [ViewDeclaration] = Modules.all.flatMap(\.views)

    /// `tables` reordered so that every table follows the tables its foreign keys point at (stable
    /// otherwise); a self-reference does not count.
    static func dependencyOrder(_ tables: [TableDeclaration]) -> [TableDeclaration] {
        var placed = Set<String>(), ordered: [TableDeclaration] = [], remaining = tables
        let names = Set(tables.map(\.name))
        while !remaining.isEmpty {
            guard let next = remaining.firstIndex(where: { table in
                table.foreignKeys.allSatisfy { $0.key.table == table.name || placed.contains($0.key.table) || !names.contains($0.key.table) }
            }) else { preconditionFailure("the declared tables reference each other in a cycle") }
            let table = remaining.remove(at: next)
            placed.insert(table.name)
            ordered.append(table)
        }
        return ordered
    }
}
