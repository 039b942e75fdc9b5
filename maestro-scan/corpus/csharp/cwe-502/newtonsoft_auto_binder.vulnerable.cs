using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Workflow
{
    public abstract class Step { public string Name { get; set; } }
    public class EmailStep : Step { public string To { get; set; } }
    public class DelayStep : Step { public int Seconds { get; set; } }

    public class KnownStepsBinder : ISerializationBinder
    {
        private static readonly Dictionary<string, Type> Known = new Dictionary<string, Type>
        {
            ["email"] = typeof(EmailStep), ["delay"] = typeof(DelayStep)
        };
        public Type BindToType(string assemblyName, string typeName) { return Known[typeName]; }
        public void BindToName(Type t, out string assemblyName, out string typeName) { assemblyName = null; typeName = t.Name.ToLowerInvariant().Replace("step", ""); }
    }

    public static class WorkflowLoader
    {
        public static List<Step> Load(string uploadedJson)
        {
            var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
            return JsonConvert.DeserializeObject<List<Step>>(uploadedJson, settings);
        }
    }
}
