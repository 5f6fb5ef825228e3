using Ferry.Host;

return await FerryCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
