// Serialisers that run code on load: pickle and its kin (dill, shelve, marshal, jsonpickle), torch, joblib, numpy.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const pickle: KnowledgeFamily = {
  family: "pickle",
  sinks: [
    { callee: "pickle.loads", concept: "deserialize" },
    { callee: "pickle.load", concept: "deserialize" },
    { callee: "cPickle.loads", concept: "deserialize" },
    { callee: "**.Unpickler", concept: "deserialize" },
    { callee: "marshal.loads", concept: "deserialize" },
    { callee: "dill.loads", concept: "deserialize" },
    { callee: "jsonpickle.decode", concept: "deserialize" },
    { callee: "shelve.open", concept: "deserialize" },
    { callee: "torch.load", concept: "deserialize", unless: { keyword: "weights_only", value: /^True$/ } },
    { callee: "joblib.load", concept: "deserialize" },
    { callee: "pandas.read_pickle", concept: "deserialize", args: [0] },
    { callee: "numpy.load", concept: "deserialize", when: { keyword: "allow_pickle", value: /^True$/ } },
    // multiprocessing connections unpickle what they receive; only `authkey` keeps strangers out.
    { callee: "multiprocessing.connection.Listener", concept: "deserialize", args: [], unless: { keyword: "authkey", value: /./ } },
    { callee: "multiprocessing.connection.Client", concept: "deserialize", args: [], unless: { keyword: "authkey", value: /./ } },
  ],
  guards: [{ callee: "json.loads", concept: "safe-loader", cleans: false }],
};
