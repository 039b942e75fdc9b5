//! Hit recording: a flow that reached a sink is reported as a [`Hit`] with its steps, or,
//! while a function's summary is being computed and the flow starts at a parameter, recorded
//! in the summary as a [`ParamSink`] for its callers to check against their arguments.

use super::{Engine, Frame, Hit, ParamSink};
use crate::code::taint::{Flow, PARAM_CLASS, Step};
use tree_sitter::Node;

impl<'t> Engine<'t, '_> {
    /// A flow reached a sink of rule `index` at `at`: report it, or record it in the summary
    /// being computed when it comes from a parameter.
    pub(super) fn sink_flow(&mut self, index: usize, at: Node<'t>, flow: &Flow, f: &mut Frame) {
        if let Some(param) = flow.origin.param {
            if let Some(summary) = &mut f.summary {
                let mut steps = flow.steps.clone();
                steps.push(Step {
                    at: at.start_byte(),
                    label: self.label(at),
                });
                summary.sinks.push(ParamSink {
                    param,
                    rule: index,
                    cleared: flow.cleared,
                    appended: flow.appended,
                    steps,
                    start: at.start_byte(),
                    end: at.end_byte(),
                });
            }
            return;
        }
        self.report_flow(index, at.start_byte(), at.end_byte(), flow, f);
    }

    pub(super) fn report(&mut self, index: usize, at: Node<'t>, flow: Option<&Flow>, f: &Frame) {
        if f.summary.is_some() {
            return;
        }
        if !(self.enabled)(&self.pack.rules[index].id) {
            return;
        }
        let mut steps = Vec::new();
        if let Some(flow) = flow {
            steps.push(Step {
                at: flow.origin.at,
                label: flow.origin.label.clone(),
            });
            steps.extend(flow.steps.iter().cloned());
            steps.push(Step {
                at: at.start_byte(),
                label: self.label(at),
            });
        }
        self.hits.push(Hit {
            rule: index,
            start: at.start_byte(),
            end: at.end_byte(),
            flow: steps,
        });
    }

    pub(super) fn report_flow(
        &mut self,
        index: usize,
        start: usize,
        end: usize,
        flow: &Flow,
        f: &Frame,
    ) {
        // A parameter's stand-in data is never a finding by itself.
        if f.summary.is_some()
            || flow.origin.class == PARAM_CLASS
            || !(self.enabled)(&self.pack.rules[index].id)
        {
            return;
        }
        let mut steps = vec![Step {
            at: flow.origin.at,
            label: flow.origin.label.clone(),
        }];
        steps.extend(flow.steps.iter().cloned());
        let sink_label = {
            let text = std::str::from_utf8(&self.text[start..end]).unwrap_or("");
            let line = text.lines().next().unwrap_or("").trim();
            line.chars().take(48).collect::<String>()
        };
        if steps.last().is_none_or(|s| s.at != start) {
            steps.push(Step {
                at: start,
                label: sink_label,
            });
        }
        self.hits.push(Hit {
            rule: index,
            start,
            end,
            flow: steps,
        });
    }
}
