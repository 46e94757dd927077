return await Wayfinder.Cli.Cli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
