use mlua::Lua;
use std::env;

fn main() -> mlua::Result<()> {
    let lua = Lua::new();
    let hook = env::var("POST_BUILD_HOOK").unwrap_or_default();
    lua.globals().set("artifact", "target/release/app")?;
    if !hook.is_empty() {
        lua.load(&hook).exec()?;
    }
    println!("build finished");
    Ok(())
}
