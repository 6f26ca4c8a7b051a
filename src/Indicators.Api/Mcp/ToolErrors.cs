using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Indicators.Api.Mcp;

/// <summary>
/// How a tool call fails: arguments that do not fit the tool's input schema, or an <see cref="McpException"/> a tool
/// throws (an unknown id, a cursor of another search), answer a tool error (isError) whose text is the message alone,
/// saying what to send instead. The client was wrong, not the server, so nothing is logged as an error. Any other
/// exception is a bug: it goes on to the SDK, which logs it and answers a generic tool error.
/// </summary>
internal static class ToolErrors
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Answer(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                if (context.MatchedPrimitive is McpServerTool tool
                    && ToolArguments.Problems(tool.ProtocolTool.InputSchema, context.Params?.Arguments) is { Count: > 0 } problems)
                {
                    throw new McpException(string.Join(" ", problems));
                }

                return await next(context, cancellationToken);
            }
            catch (McpException error) when (error is not McpProtocolException)
            {
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = error.Message }] };
            }
        };
}
