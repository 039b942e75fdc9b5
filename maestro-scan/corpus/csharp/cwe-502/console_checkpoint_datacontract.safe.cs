using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.Serialization;

namespace Batch
{
    [DataContract]
    public class Checkpoint
    {
        [DataMember] public int Step { get; set; }
        [DataMember] public List<string> Pending { get; set; }
    }

    public static class ResumeJob
    {
        public static void Main(string[] args)
        {
            using (var stream = File.OpenRead(args[0]))
            {
                var serializer = new DataContractSerializer(typeof(Checkpoint));
                var cp = (Checkpoint)serializer.ReadObject(stream);
                Console.WriteLine("resuming at step {0} with {1} pending", cp.Step, cp.Pending.Count);
            }
        }
    }
}
