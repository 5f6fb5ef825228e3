using Ferry.Host;

StartupWarmUp.Start();
return await FerryCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
