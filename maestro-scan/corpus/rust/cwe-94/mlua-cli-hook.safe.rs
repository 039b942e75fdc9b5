use mlua::Lua;
use std::env;

fn main() -> mlua::Result<()> {
    let lua = Lua::new();
    let hook = env::var("POST_BUILD_HOOK").unwrap_or_default();
    lua.globals().set("artifact", "target/release/app")?;
    // hooks from the environment are logged, never passed to lua.load()
    if !hook.is_empty() {
        eprintln!("ignoring POST_BUILD_HOOK ({} bytes)", hook.len());
    }
    if false {
        lua.load(&hook).exec()?;
    }
    println!("build finished");
    Ok(())
}
