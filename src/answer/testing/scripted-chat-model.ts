import type { BaseMessage } from "@langchain/core/messages";
import { AIMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { FakeListChatModel } from "@langchain/core/utils/testing";

/** One reply of the script: the answer text, or the searches the model asks for (each a query for `search_documents`). */
export type ScriptStep = string | { search: string[] };

/**
 * LangChain's FakeListChatModel, extended to call tools: each call takes the next step of the script
 * and answers with its text or with `search_documents` tool calls. It records the messages of every
 * call and the tools bound, so a test can check what the agent sent.
 */
export class ScriptedChatModel extends FakeListChatModel {
  readonly calls: BaseMessage[][] = [];
  boundTools: string[] = [];

  constructor(private readonly script: ScriptStep[]) {
    super({ responses: script.map((step) => (typeof step === "string" ? step : "")) });
  }

  override bindTools(tools: StructuredToolInterface[]): this {
    this.boundTools = tools.map((tool) => tool.name);
    return this;
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push(messages);
    const step = this.script[this.calls.length - 1] ?? "";
    const message =
      typeof step === "string"
        ? new AIMessage({ content: step, usage_metadata: { input_tokens: 50, output_tokens: 10, total_tokens: 60 } })
        : new AIMessage({
            content: "",
            tool_calls: step.search.map((query, index) => ({ name: "search_documents", args: { query }, id: `call_${this.calls.length}_${index}`, type: "tool_call" as const })),
            usage_metadata: { input_tokens: 50, output_tokens: 5, total_tokens: 55 },
          });
    return { generations: [{ text: typeof step === "string" ? step : "", message }] };
  }
}
