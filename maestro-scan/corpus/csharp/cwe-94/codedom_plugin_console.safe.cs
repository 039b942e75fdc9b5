using System;
using System.CodeDom.Compiler;
using System.IO;
using Microsoft.CSharp;

namespace PluginHost
{
    public static class Program
    {
        private const bool AllowSourcePlugins = false;

        public static void Main(string[] args)
        {
            if (!AllowSourcePlugins)
            {
                Console.WriteLine("source plugins are disabled");
                return;
            }
            string source = File.ReadAllText(args[0]);
            var provider = new CSharpCodeProvider();
            var result = provider.CompileAssemblyFromSource(new CompilerParameters { GenerateInMemory = true }, source);
            Console.WriteLine(result.Errors.HasErrors ? "compile failed" : "plugin loaded");
        }
    }
}
