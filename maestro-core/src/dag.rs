//! The dependency graph of a voyage's orders: validation, topological order and the ready set.

use std::collections::HashMap;
use std::fmt;

use crate::name::OrderId;
use crate::order::OrderSpec;
use crate::state::OrderState;

/// Why a set of orders is not a valid dependency graph.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DagError {
    /// Two orders share an id.
    #[error("duplicate order id `{id}`")]
    DuplicateId {
        /// The repeated id.
        id: OrderId,
        /// Index of the second occurrence in the input.
        index: usize,
    },
    /// An order depends on an id that no order has.
    #[error("order `{order}` depends on unknown order `{dependency}`")]
    UnknownDependency {
        /// The order naming the dependency.
        order: OrderId,
        /// Index of that order in the input.
        index: usize,
        /// Index of the dependency within its `depends_on`.
        position: usize,
        /// The unknown id.
        dependency: OrderId,
    },
    /// The dependencies form a cycle.
    #[error("dependency cycle: {0}")]
    Cycle(Cycle),
}

impl DagError {
    /// The same error with its index into the input (of an order with a duplicate id or an
    /// unknown dependency) passed through `index`: for a graph built from more orders than the
    /// caller's input, to point back into that input.
    #[must_use]
    pub(crate) fn with_index(self, index: impl FnOnce(usize) -> usize) -> DagError {
        match self {
            DagError::DuplicateId { id, index: i } => DagError::DuplicateId {
                id,
                index: index(i),
            },
            DagError::UnknownDependency {
                order,
                index: i,
                position,
                dependency,
            } => DagError::UnknownDependency {
                order,
                index: index(i),
                position,
                dependency,
            },
            other => other,
        }
    }
}

/// A dependency cycle, printed `a -> b -> c -> a` (each order depends on the next).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle(pub Vec<OrderId>);

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for id in &self.0 {
            write!(f, "{id} -> ")?;
        }
        match self.0.first() {
            Some(first) => write!(f, "{first}"),
            None => Ok(()),
        }
    }
}

/// A validated dependency graph over a list of orders (indices refer to that list).
#[derive(Debug, Clone)]
pub struct Dag {
    ids: Vec<OrderId>,
    /// `deps[i]` are the indices order `i` depends on.
    deps: Vec<Vec<usize>>,
    /// The indices in an order where every dependency comes before its dependents.
    topological: Vec<usize>,
}

impl Dag {
    /// Validates `orders`: unique ids, known dependencies and no cycle.
    pub fn new(orders: &[OrderSpec]) -> Result<Dag, DagError> {
        let mut index_of: HashMap<&OrderId, usize> = HashMap::with_capacity(orders.len());
        for (index, order) in orders.iter().enumerate() {
            if index_of.insert(&order.id, index).is_some() {
                return Err(DagError::DuplicateId {
                    id: order.id.clone(),
                    index,
                });
            }
        }
        let mut deps = Vec::with_capacity(orders.len());
        for (index, order) in orders.iter().enumerate() {
            let mut mine = Vec::with_capacity(order.depends_on.len());
            for (position, dependency) in order.depends_on.iter().enumerate() {
                let Some(&dep) = index_of.get(dependency) else {
                    return Err(DagError::UnknownDependency {
                        order: order.id.clone(),
                        index,
                        position,
                        dependency: dependency.clone(),
                    });
                };
                if !mine.contains(&dep) {
                    mine.push(dep);
                }
            }
            deps.push(mine);
        }
        let ids: Vec<OrderId> = orders.iter().map(|o| o.id.clone()).collect();
        let topological = topological_order(&ids, &deps)?;
        Ok(Dag {
            ids,
            deps,
            topological,
        })
    }

    /// The number of orders.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no orders.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Indices of the orders in dependency order; among independent orders, input order.
    #[must_use]
    pub fn topological(&self) -> &[usize] {
        &self.topological
    }

    /// The indices order `index` depends on directly.
    #[must_use]
    pub fn dependencies(&self, index: usize) -> &[usize] {
        &self.deps[index]
    }

    /// The id of order `index`.
    #[must_use]
    pub fn id(&self, index: usize) -> &OrderId {
        &self.ids[index]
    }

    /// The orders that may start now: `pending` ones whose dependencies are all `merged`,
    /// in topological order. `states[i]` is the state of order `i`.
    #[must_use]
    pub fn ready(&self, states: &[OrderState]) -> Vec<usize> {
        self.topological
            .iter()
            .copied()
            .filter(|&i| {
                states[i] == OrderState::Pending
                    && self.deps[i]
                        .iter()
                        .all(|&d| states[d] == OrderState::Merged)
            })
            .collect()
    }

    /// Every order that depends on `index`, directly or not, in topological order.
    #[must_use]
    pub fn dependents(&self, index: usize) -> Vec<usize> {
        let mut affected = vec![false; self.ids.len()];
        affected[index] = true;
        let mut out = Vec::new();
        for &i in &self.topological {
            if i != index && self.deps[i].iter().any(|&d| affected[d]) {
                affected[i] = true;
                out.push(i);
            }
        }
        out
    }
}

/// Kahn's algorithm, taking the lowest ready index each time so the result is stable. On a
/// cycle, a depth-first search among the remaining orders names it.
fn topological_order(ids: &[OrderId], deps: &[Vec<usize>]) -> Result<Vec<usize>, DagError> {
    let n = ids.len();
    let mut remaining: Vec<usize> = deps.iter().map(Vec::len).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, ds) in deps.iter().enumerate() {
        for &d in ds {
            dependents[d].push(i);
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&i| remaining[i] == 0).collect();
    let mut out = Vec::with_capacity(n);
    while let Some(i) = ready.pop_first() {
        out.push(i);
        for &j in &dependents[i] {
            remaining[j] -= 1;
            if remaining[j] == 0 {
                ready.insert(j);
            }
        }
    }
    if out.len() == n {
        return Ok(out);
    }
    Err(DagError::Cycle(find_cycle(ids, deps, &remaining)))
}

/// Finds a cycle among the orders Kahn's algorithm could not place (`remaining[i] > 0`),
/// following dependencies from the first such order in input order.
fn find_cycle(ids: &[OrderId], deps: &[Vec<usize>], remaining: &[usize]) -> Cycle {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let n = ids.len();
    let mut mark = vec![Mark::New; n];
    for start in (0..n).filter(|&i| remaining[i] > 0) {
        if mark[start] != Mark::New {
            continue;
        }
        // Iterative DFS: (node, next dependency to visit).
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        mark[start] = Mark::OnPath;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&dep) = deps[node].get(*next) {
                *next += 1;
                match mark[dep] {
                    Mark::OnPath => {
                        let from = path
                            .iter()
                            .position(|&(p, _)| p == dep)
                            .expect("a node on the path is in the path");
                        return Cycle(path[from..].iter().map(|&(p, _)| ids[p].clone()).collect());
                    }
                    Mark::New => {
                        mark[dep] = Mark::OnPath;
                        path.push((dep, 0));
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                path.pop();
            }
        }
    }
    unreachable!("Kahn's algorithm left orders unplaced, so a cycle exists among them")
}

#[cfg(test)]
mod tests;
