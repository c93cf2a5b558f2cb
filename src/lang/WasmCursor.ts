// A tree cursor that calls web-tree-sitter's WASM binding directly. The public `TreeCursor` copies its state
// into and out of WASM memory through emscripten's generic accessors around every call, which made up most
// of the time to copy a tree; this one leaves the state where the binding keeps it, so a step is one call.
import type { Tree } from "web-tree-sitter";

/**
 * The binding exports the cursor calls (web-tree-sitter 0.27). Each takes the tree's address and reads the
 * cursor from, and the moves write it back to, the binding's transfer buffer.
 */
interface CursorBinding {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

/**
 * Options for `Parser.init`: emscripten fills the object it is given with the module's exports, so after
 * the grammars are loaded this is the binding.
 */
export const treeSitterModule: Partial<CursorBinding> = {};

function binding(): CursorBinding {
  const b = treeSitterModule;
  if (typeof b._ts_tree_cursor_new_wasm !== "function" || typeof b._ts_tree_cursor_current_field_id_wasm !== "function") {
    throw new Error("web-tree-sitter was not initialised by loadGrammars(), or its WASM binding changed");
  }
  return b as CursorBinding;
}

/**
 * A cursor over a whole tree, starting at its root. It lives in the binding's shared transfer buffer: no
 * other tree-sitter call may run between its creation and `delete()`.
 */
export class WasmCursor {
  private readonly b = binding();
  private readonly tree: number;

  constructor(tree: Tree) {
    // The tree's address in WASM memory (web-tree-sitter keeps it at index 0).
    this.tree = (tree as unknown as { 0: number })[0];
    this.b._ts_tree_root_node_wasm(this.tree);
    this.b._ts_tree_cursor_new_wasm(this.tree);
  }

  gotoFirstChild(): boolean {
    return this.b._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }

  gotoNextSibling(): boolean {
    return this.b._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }

  gotoParent(): boolean {
    return this.b._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }

  get nodeTypeId(): number {
    return this.b._ts_tree_cursor_current_node_type_id_wasm(this.tree);
  }

  get nodeIsNamed(): boolean {
    return this.b._ts_tree_cursor_current_node_is_named_wasm(this.tree) === 1;
  }

  get currentFieldId(): number {
    return this.b._ts_tree_cursor_current_field_id_wasm(this.tree);
  }

  get startIndex(): number {
    return this.b._ts_tree_cursor_start_index_wasm(this.tree);
  }

  get endIndex(): number {
    return this.b._ts_tree_cursor_end_index_wasm(this.tree);
  }

  delete(): void {
    this.b._ts_tree_cursor_delete_wasm(this.tree);
  }
}
