using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Indicators.Api.Mcp;

/// <summary>
/// A request whose params (or a tools/call's arguments) are not a JSON object, or not of the method's shape, cannot
/// be bound; the SDK would answer it "An error occurred." (an internal error). It is the client's mistake, so it is
/// answered as one: invalid params, with what to send.
/// </summary>
internal static class ProtocolChecks
{
    public static McpMessageHandler Check(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcRequest request)
        {
            await next(context, cancellationToken);
            return;
        }

        if (request.Params is { } parameters)
        {
            if (parameters is not JsonObject)
            {
                throw new McpProtocolException($"The params of '{McpReads.Shown(request.Method)}' must be a JSON object.", McpErrorCode.InvalidParams);
            }

            if (request.Method == RequestMethods.ToolsCall && parameters["arguments"] is { } arguments and not JsonObject)
            {
                throw new McpProtocolException("The arguments of tools/call must be a JSON object of argument names and values.", McpErrorCode.InvalidParams);
            }
        }

        try
        {
            await next(context, cancellationToken);
        }
        catch (JsonException wrongShape)
        {
            // The params were JSON but not of the method's shape (a number for a tool's name, say).
            throw new McpProtocolException(
                $"The params of '{McpReads.Shown(request.Method)}' do not have the shape the method takes{(wrongShape.Path is { } path ? $" (at {path})" : "")}.",
                McpErrorCode.InvalidParams);
        }
    };
}
