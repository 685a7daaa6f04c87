# The one place that sets compiler warnings (STYLE.md §8). GWLINT_WERROR turns
# them into errors; CI sets it, developers need not.
set(GW_WARNING_FLAGS
    -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wmissing-declarations -Wold-style-definition -Wwrite-strings -Wcast-qual
    -Wpointer-arith -Wformat=2 -Wundef -Wvla -Wimplicit-fallthrough
    -Wconversion -Wno-sign-conversion)
if(GWLINT_WERROR)
    list(APPEND GW_WARNING_FLAGS -Werror)
endif()

function(gw_target_warnings target)
    target_compile_options(${target} PRIVATE ${GW_WARNING_FLAGS})
endfunction()
